import SwiftLearn
import Testing

/// The snippets of `Docs/GettingStarted.md`, compiled against the umbrella module.
@Suite struct GettingStartedExampleTests {
    @Test func matrixSnippetComputesWhatTheGuideSays() throws {
        var a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        a[0, 2] = 30
        let b = try Matrix<Double>(rows: 3, columns: 2, scalars: [1, 0, 0, 1, 1, 1])
        let c = try matmul(a, b)
        let d = try matmul(a, a, transposeB: true)
        let centred = try a - a.mean(axis: 0)
        let scaled = try centred / a.standardDeviation(axis: 0)
        let firstRows = try a.rows(in: 0..<1)
        let picked = try a.rows(at: [1, 0, 1])
        let floats = Matrix<Float>(a)

        #expect(c == (try Matrix<Double>([[31, 32], [10, 11]])))
        #expect(d == (try Matrix<Double>([[905, 194], [194, 77]])))
        #expect(scaled == (try Matrix<Double>([[-1, -1, 1], [1, 1, -1]])))
        #expect(firstRows == (try Matrix<Double>([[1, 2, 30]])))
        #expect(try picked.column(0) == [4, 1, 4])
        #expect(floats[0, 2] == Float(30))
    }

    @Test func singularSolveThrowsTheDocumentedMessage() throws {
        do {
            _ = try solve(Matrix<Double>([[1, 2], [2, 4]]), [1, 1])
            Issue.record("solving a singular system should throw")
        } catch let error as LearnError {
            #expect("\(error)" == "singular matrix in solve: U(2, 2) is exactly zero in the LU factorisation (getrf)")
        }
    }
}
