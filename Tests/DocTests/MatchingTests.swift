import Testing

/// The `…` wildcard of the stated outputs.
@Suite struct MatchingTests {
    @Test func exactTextWithoutWildcard() {
        #expect(matches("[1, 0, 1]", "[1, 0, 1]"))
        #expect(!matches("[1, 0, 1]", "[1, 0]"))
    }

    @Test func wildcardMatchesAnyTextInOrder() {
        #expect(matches("loss 0.2431 accuracy 0.905", "loss 0.24… accuracy 0.90…"))
        #expect(matches("a\nb\nc", "a…c"))
        #expect(matches("ab", "a…b"))
        #expect(!matches("loss 0.3431", "loss 0.24…"))
        #expect(!matches("accuracy 0.905 loss", "loss… accuracy…"))
        // The prefix and suffix must not overlap: "aba" is not "ab…ba".
        #expect(!matches("aba", "ab…ba"))
    }
}
