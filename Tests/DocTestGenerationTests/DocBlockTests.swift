import Testing

@testable import DocTestGeneration

/// How the documentation-test generator reads Markdown and its directives.
@Suite struct DocBlockTests {
    private func numbered(_ text: String) -> [(number: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            (number: $0.offset + 1, text: String($0.element))
        }
    }

    @Test func blocksCarryTheirDirectivesAndOutput() throws {
        let markdown = """
            Intro.
            <!-- doctest: given let x = 1 -->
            ```swift
            print(x)
            ```
            It prints:

            <!-- doctest: output -->
            ```text
            1
            ```
            <!-- doctest: continues -->
            ```swift
            print(x + 1)
            ```
            ```sh
            make test
            ```
            <!-- doctest: skip: a manifest -->
            ```swift
            .package(url: "x")
            ```
            """
        let blocks = try docBlocks(in: numbered(markdown), file: "Guide.md")
        #expect(blocks.count == 3)
        #expect(blocks[0].line == 3 && blocks[0].code == ["print(x)"] && blocks[0].mode == .run)
        #expect(blocks[0].given.map(\.code) == ["let x = 1"] && blocks[0].given.map(\.line) == [2])
        #expect(blocks[0].expectedOutput?.text == "1" && blocks[0].expectedOutput?.line == 10)
        #expect(blocks[1].continues && blocks[1].expectedOutput == nil)
        #expect(blocks[2].mode == .skip("a manifest"))
    }

    @Test func misplacedOrUnknownDirectivesNameTheirLine() {
        let cases: [(String, Int, String)] = [
            ("<!-- doctest: fragment -->\nText.\n", 1, "not followed by a code block"),
            ("<!-- doctest: frgament -->\n```swift\nx\n```", 1, "unknown directive"),
            ("<!-- doctest: continues -->\n```swift\nx\n```", 2, "`continues`"),
            ("<!-- doctest: output -->\n```text\n1\n```", 2, "`output` must stand alone"),
            ("```swift\nx\n", 1, "never closed"),
            ("<!-- doctest: fragment -->\n```sh\nls\n```", 1, "before a ```sh block")
        ]
        for (markdown, line, message) in cases {
            #expect {
                _ = try docBlocks(in: numbered(markdown), file: "Guide.md")
            } throws: { error in
                guard let error = error as? DocTestError else { return false }
                return error.line == line && error.description.contains(message)
            }
        }
    }

    @Test func docCommentsLoseTheirMarkers() {
        let source = numbered("/// Adds.\n///\n/// ```swift\n///     let y = 2\n/// ```\nfunc add() {}\n  /// Next.")
        let comments = docComments(in: source)
        #expect(comments.count == 2)
        #expect(comments[0].map(\.text) == ["Adds.", "", "```swift", "    let y = 2", "```"])
        #expect(comments[1].first?.number == 7 && comments[1].first?.text == "Next.")
    }

    @Test func generatedSourceRunsChainsAndCompilesFragments() throws {
        let markdown =
            "```swift\nimport Foundation\nlet a = 1\n```\n<!-- doctest: continues -->\n```swift\nprint(a)\n```\n"
            + "<!-- doctest: fragment -->\n```swift\nlet b = try load()\n```"
        let source = testSource(for: try docBlocks(in: numbered(markdown), file: "G.md"), root: "/r")
        #expect(source.contains("import Foundation\nimport SwiftLearn\nimport Testing"))
        #expect(source.contains("@Test(\"G.md:1\")") && !source.contains("@Test(\"G.md:6\")"))
        #expect(source.contains("#sourceLocation(file: \"/r/G.md\", line: 7)\nprint(a)"))
        #expect(source.contains("private func G_md_10() throws {"))
        #expect(source.contains("1 tests, 1 compile-only fragments, 0 skipped"))
    }
}
