import SwiftLearn
import Testing

/// A shape error reaches a user of the umbrella module as a `LearnError` that says what was expected.
/// (The README's and the guides' examples themselves run in the DocTests target.)
@Suite struct UmbrellaErrorTests {
    @Test func badShapesThrowTheLibraryError() throws {
        let a = try Matrix<Double>.ones(2, 3)
        #expect(throws: LearnError.self) { try matmul(a, a) }
        do {
            _ = try matmul(a, a)
            Issue.record("matmul of 2×3 by 2×3 should throw")
        } catch let error as LearnError {
            #expect(error.description.contains("matmul"))
            #expect(error.description.contains("op(a) is 2 × 3, so op(b) needs 3 rows"))
            #expect(error.description.contains("op(b) of 2 × 3"))
        }
    }
}
