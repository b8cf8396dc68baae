import LearnCore
import Testing

/// Solvers and factorisations against NumPy's `linalg`, in both precisions, with the failure
/// cases (singular, not positive definite, non-square, non-finite, empty) as errors.
@Suite struct LAPACKTests {
    let ref = ReferenceData.shared

    @Test(arguments: [false, true])
    func solversMatchNumPy(single: Bool) throws {
        if single { try checkSolvers(Float.self) } else { try checkSolvers(Double.self) }
    }

    private func checkSolvers<S: LearnScalar>(_ type: S.Type) throws {
        let sq = try ref.input("SQ", as: type), rhs = try ref.input("RHS", as: type)
        expectReference(try solve(sq, rhs), try ref.array("lapack", "solve_SQ_RHS"), "solve")
        expectReference(try solve(sq, try rhs.column(0)), try ref.array("lapack", "solve_SQ_vec").data, "solve vector")
        let spd = try ref.input("SPD", as: type)
        expectReference(try cholesky(spd), try ref.array("lapack", "cholesky_SPD"), "cholesky")
        expectReference(
            try solvePositiveDefinite(spd, try ref.matrix("lapack", "spd_rhs", as: type)),
            try ref.array("lapack", "spd_solve"), "posv")
        expectReference(try inverse(sq), try ref.array("lapack", "inv_SQ"), "inverse")
        expectReference([try sq.determinant()], [try ref.scalar("lapack", "det_SQ")], "det")
        expectReference([try determinant(spd)], [try ref.scalar("lapack", "det_SPD")], "det SPD")
    }

    @Test(arguments: [false, true])
    func leastSquaresMatchesNumPy(single: Bool) throws {
        if single { try checkLeastSquares(Float.self) } else { try checkLeastSquares(Double.self) }
    }

    private func checkLeastSquares<S: LearnScalar>(_ type: S.Type) throws {
        let tall = try leastSquares(try ref.input("TALL", as: type), try ref.input("TALL_B", as: type))
        expectReference(tall.solution, try ref.array("lapack", "lstsq_tall"), "tall")
        expectReference(tall.residuals, try ref.array("lapack", "lstsq_tall_residuals").data, "residuals")
        expectReference(tall.singularValues, try ref.array("lapack", "lstsq_tall_sv").data, "singular values")
        #expect(tall.rank == 3)
        let wide = try leastSquares(try ref.input("WIDE", as: type), try ref.input("WIDE_B", as: type))
        expectReference(wide.solution, try ref.array("lapack", "lstsq_wide"), "wide (minimum norm)")
        #expect(wide.residuals.isEmpty)
        let deficient = try leastSquares(try ref.input("RANKDEF", as: type), try ref.input("RANKDEF_B", as: type))
        expectReference(deficient.solution, try ref.array("lapack", "lstsq_rankdef"), "rank deficient")
        #expect(deficient.rank == (try ref.integers("lapack", "lstsq_rankdef_rank")[0]))
    }

    @Test(arguments: [false, true])
    func eighMatchesNumPyUpToEigenvectorSigns(single: Bool) throws {
        if single { try checkEigh(Float.self) } else { try checkEigh(Double.self) }
    }

    private func checkEigh<S: LearnScalar>(_ type: S.Type) throws {
        let result = try eigh(try ref.input("SYM", as: type))
        expectReference(result.eigenvalues, try ref.array("lapack", "eigh_values").data, "eigenvalues")
        let expected = try ref.matrix("lapack", "eigh_vectors", as: type)
        try expectSameColumnsUpToSign(result.eigenvectors, expected, "eigenvectors")
    }

    /// Same LAPACK routines as NumPy, so the same signs: Q and R compare directly.
    @Test(arguments: [("TALL", "qr_tall"), ("WIDE", "qr_wide")])
    func qrMatchesNumPy(input: String, key: String) throws {
        for single in [false, true] {
            if single { try checkQR(Float.self, input, key) } else { try checkQR(Double.self, input, key) }
        }
    }

    private func checkQR<S: LearnScalar>(_ type: S.Type, _ input: String, _ key: String) throws {
        let a = try ref.input(input, as: type)
        let result = try qr(a)
        let q = try ref.array("lapack", key + "_q"), r = try ref.array("lapack", key + "_r")
        #expect(result.q.shape == q.shape && result.r.shape == r.shape)
        expectReference(result.q.scalars, q.data, "q")
        expectReference(result.r.scalars, r.data, "r")
        expectReference(try matmul(result.q, result.r), (a.shape, a.scalars.map(Double.init)), "q · r")
    }

    @Test(arguments: [("TALL", "svd_tall"), ("WIDE", "svd_wide")])
    func svdMatchesNumPyUpToSigns(input: String, key: String) throws {
        for single in [false, true] {
            if single { try checkSVD(Float.self, input, key) } else { try checkSVD(Double.self, input, key) }
        }
    }

    private func checkSVD<S: LearnScalar>(_ type: S.Type, _ input: String, _ key: String) throws {
        let a = try ref.input(input, as: type)
        let result = try svd(a)
        expectReference(result.s, try ref.array("lapack", key + "_s").data, "singular values")
        try expectSameColumnsUpToSign(result.u, try ref.matrix("lapack", key + "_u", as: type), "u")
        try expectSameColumnsUpToSign(
            result.vt.transposed(), try ref.matrix("lapack", key + "_vt", as: type).transposed(), "vt")
        // u · diag(s) · vt rebuilds a.
        var us = result.u
        for j in 0..<us.columns { for i in 0..<us.rows { us[i, j] *= result.s[j] } }
        expectReference(try matmul(us, result.vt), (a.shape, a.scalars.map(Double.init)), "reconstruction")
    }

    /// Eigen- and singular vectors are unique up to sign: align each column's sign, then compare.
    private func expectSameColumnsUpToSign<S: LearnScalar>(_ got: Matrix<S>, _ expected: Matrix<S>, _ what: String)
        throws
    {
        #expect(got.shape == expected.shape, "\(what) shape")
        for j in 0..<min(got.columns, expected.columns) {
            let g = try got.column(j), e = try expected.column(j)
            let sign: S = (try dot(g, e)) < 0 ? -1 : 1
            expectReference(g.map { $0 * sign }, e.map(Double.init), "\(what) column \(j)")
        }
    }

    @Test func singularMatricesAreReportedNotTrapped() throws {
        let singular = try Matrix<Double>([[1, 2], [2, 4]])
        expectError(
            .singularMatrix(operation: "solve", detail: "U(2, 2) is exactly zero in the LU factorisation (getrf)")
        ) {
            try solve(singular, [1.0, 2.0])
        }
        expectError(
            .singularMatrix(operation: "inverse", detail: "U(2, 2) is exactly zero in the LU factorisation (getrf)")
        ) {
            try inverse(singular)
        }
        #expect(try determinant(singular) == 0)
        #expect(
            abs(
                try determinant(try ref.input("RANKDEF").rows(in: 0..<3))
                    - (try ref.scalar("lapack", "det_RANKDEF_square"))) < 1e-12)
    }

    @Test func choleskyRejectsMatricesThatAreNotPositiveDefinite() throws {
        let indefinite = try Matrix<Double>([[1, 2], [2, 1]])
        expectError(
            .notPositiveDefinite(operation: "cholesky", detail: "the leading minor of order 2 is not positive (potrf)")
        ) {
            try cholesky(indefinite)
        }
        let error = #expect(throws: LearnError.self) { try cholesky(indefinite) }
        #expect(
            error?.description
                == "matrix is not positive definite in cholesky: the leading minor of order 2 is not positive (potrf)")
    }

    @Test func badShapesAndValuesThrowTheLibraryError() throws {
        let rectangular = try ref.input("A34")
        expectError(.shapeMismatch(operation: "solve", expected: "a square matrix", got: "3 × 4")) {
            try solve(rectangular, [1.0, 2, 3])
        }
        expectError(.shapeMismatch(operation: "inverse", expected: "a square matrix", got: "3 × 4")) {
            try inverse(rectangular)
        }
        expectError(.shapeMismatch(operation: "eigh", expected: "a square matrix", got: "3 × 4")) {
            try eigh(rectangular)
        }
        expectError(.shapeMismatch(operation: "cholesky", expected: "a square matrix", got: "3 × 4")) {
            try cholesky(rectangular)
        }
        expectError(.shapeMismatch(operation: "solve", expected: "b with 4 rows", got: "3 × 1")) {
            try solve(try ref.input("SQ"), [1.0, 2, 3])
        }
        expectError(.shapeMismatch(operation: "leastSquares", expected: "b with 3 rows", got: "2 × 1")) {
            try leastSquares(rectangular, Matrix(column: [1.0, 2]))
        }
        let withNaN = try Matrix<Double>([[1, .nan], [0, 1]])
        expectError(.nonFiniteInput(operation: "solve")) { try solve(withNaN, [1.0, 1]) }
        expectError(.nonFiniteInput(operation: "svd")) { try svd(withNaN) }
        expectError(.nonFiniteInput(operation: "eigh")) {
            try eigh(try Matrix<Double>([[1, .infinity], [.infinity, 1]]))
        }
        expectError(.emptyInput(operation: "svd")) { try svd(try Matrix<Double>.zeros(0, 3)) }
        expectError(.emptyInput(operation: "qr")) { try qr(try Matrix<Double>.zeros(2, 0)) }
        expectError(.nonFiniteInput(operation: "qr")) { try qr(withNaN) }
        expectError(.emptyInput(operation: "leastSquares")) {
            try leastSquares(try Matrix<Double>.zeros(0, 3), try Matrix<Double>.zeros(0, 1))
        }
        #expect(try determinant(try Matrix<Double>.zeros(0, 0)) == 1)
    }
}
