import SwiftLearn
import Testing

/// The README's core example, compiled against the umbrella module exactly as a user would write it.
///
/// When the estimators land, DESIGN §4's first program joins this file; until then this keeps the
/// README's "what works today" section honest.
@Suite struct ReadmeCoreExampleTests {
    @Test func leastSquaresNormalEquationsAndSoftmaxAgree() throws {
        // README: "A taste of the core".
        let X = try Matrix<Double>([[1, 1], [1, 2], [1, 3], [1, 4]])
        let y = Matrix<Double>(column: [6, 5, 7, 10])

        let lstsq = try leastSquares(X, y) // LAPACK gelsd
        let gram = try matmul(X, X, transposeA: true) // BLAS dgemm, Xᵀ X
        let rhs = try matmul(X, y, transposeA: true) // Xᵀ y
        let normal = try solvePositiveDefinite(gram, rhs) // LAPACK potrf + potrs
        let scores = try (X * 0.5).softmax(axis: 1) // stable row-wise softmax

        // numpy.linalg.lstsq gives intercept 3.5, slope 1.4 for this data.
        #expect(Swift.abs(lstsq.solution[0, 0] - 3.5) < 1e-12)
        #expect(Swift.abs(lstsq.solution[1, 0] - 1.4) < 1e-12)
        #expect(Swift.abs(normal[0, 0] - 3.5) < 1e-10 && Swift.abs(normal[1, 0] - 1.4) < 1e-10)
        #expect(lstsq.rank == 2)
        for total in try scores.sum(axis: 1) { #expect(Swift.abs(total - 1) < 1e-12) }
    }

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
