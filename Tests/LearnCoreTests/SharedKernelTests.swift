import Foundation
import LearnCore
import LearnTestSupport
import Testing

/// The kernels the layers, solvers and coming estimator families share — batched gemm, column
/// reductions, pairwise Euclidean distances, k-smallest selection, the penalty pass — against the
/// NumPy values in `Resources/core_reference.json` (section `kernels`), and their refusal of bad sizes.
@Suite struct SharedKernelTests {
    let ref = ReferenceData.shared

    /// A stored `[batch, rows · columns]` input as a rank-3 tensor.
    private func stack<S: LearnScalar>(_ key: String, _ rows: Int, _ columns: Int, as _: S.Type) throws -> Tensor<S> {
        let (shape, data) = try ref.array("inputs", key)
        return try Tensor(shape: [shape[0], rows, columns], scalars: data.map { S($0) })
    }

    @Test(arguments: [false, true])
    func batchedMatmulMatchesNumPy(single: Bool) throws {
        if single { try checkBatched(Float.self) } else { try checkBatched(Double.self) }
    }

    private func checkBatched<S: LearnScalar>(_ type: S.Type) throws {
        let (a, b, c) = (
            try stack("BA", 4, 5, as: type), try stack("BB", 5, 2, as: type), try stack("BC", 2, 4, as: type)
        )
        let product = try a.batchedMatmul(b)
        #expect(product.shape == [3, 4, 2])
        expectReference(product.scalars, try ref.array("kernels", "batched_BA_BB").data, "A · B per batch")
        // Aᵀ is 5 × 4 and Cᵀ 4 × 2 per batch entry.
        let transposed = try a.batchedMatmul(c, transposeSelf: true, transposeOther: true)
        #expect(transposed.shape == [3, 5, 2])
        expectReference(transposed.scalars, try ref.array("kernels", "batched_BAT_BC_T").data, "Aᵀ · Cᵀ per batch")
    }

    @Test func batchedGemmSharesAStrideZeroOperandAndScalesAnEmptyProduct() throws {
        // B shared by both batch entries (stride 0): each C[b] = A[b] · B.
        let a: [Double] = [1, 2, 3, 4, 5, 6, 7, 8], b: [Double] = [1, 0, 0, 1] // two 2 × 2 blocks; B = I
        var c = [Double](repeating: -1, count: 8)
        try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in
                try c.withUnsafeMutableBufferPointer { c in
                    try Double.batchedGemm(
                        transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2, strideA: 4,
                        b: b, ldb: 2, strideB: 0, beta: 0, c: c, ldc: 2, strideC: 4, batchCount: 2)
                }
            }
        }
        #expect(c == a)
        // k = 0: an empty sum, so C = beta · C.
        try [Double]().withUnsafeBufferPointer { empty in
            try c.withUnsafeMutableBufferPointer { c in
                try Double.batchedGemm(
                    transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1, a: empty, lda: 1, strideA: 0,
                    b: empty, ldb: 2, strideB: 0, beta: 2, c: c, ldc: 2, strideC: 4, batchCount: 2)
            }
        }
        #expect(c == a.map { 2 * $0 })
    }

    @Test func batchedGemmRefusesBadSizes() throws {
        let a = [Double](repeating: 1, count: 12)
        var c = [Double](repeating: 0, count: 8)
        func call(m: Int = 2, lda: Int = 3, strideA: Int = 6, batchCount: Int = 2) throws {
            try a.withUnsafeBufferPointer { a in
                try c.withUnsafeMutableBufferPointer { c in
                    try Double.batchedGemm(
                        transposeA: false, transposeB: true, m: m, n: 2, k: 3, alpha: 1, a: a, lda: lda,
                        strideA: strideA, b: a, ldb: 3, strideB: 6, beta: 0, c: c, ldc: 2, strideC: 4,
                        batchCount: batchCount)
                }
            }
        }
        try call() // the sizes these variations start from are valid
        expectError(.invalidParameter(name: "m", expected: "a non-negative size", got: "-1")) { try call(m: -1) }
        expectError(.invalidParameter(name: "lda", expected: "at least 3 (the row length of a)", got: "2")) {
            try call(lda: 2)
        }
        expectError(
            .invalidParameter(name: "a", expected: "a buffer of at least 18 elements for 2 × 2 × 3", got: "12")
        ) { try call(strideA: 12) }
        expectError(
            .invalidParameter(
                name: "size", expected: "sizes whose arithmetic fits in Int",
                got: "\(Int.max / 2) × 6 in batchedGemm")
        ) { try call(batchCount: Int.max / 2 + 1) }
    }

    @Test func batchedMatmulRefusesMismatchedShapes() throws {
        let a = try Tensor<Double>(shape: [2, 3, 4], repeating: 1)
        expectError(
            .shapeMismatch(
                operation: "batchedMatmul", expected: "two rank-3 tensors [batch, rows, columns] with the same batch",
                got: "[2, 3, 4] and [3, 4, 2]")
        ) { try a.batchedMatmul(try Tensor(shape: [3, 4, 2], repeating: 1)) }
        expectError(
            .shapeMismatch(
                operation: "batchedMatmul", expected: "inner sizes to agree: op(self) is 3 × 4 per batch entry",
                got: "op(other) of 3 × 2")
        ) { try a.batchedMatmul(try Tensor(shape: [2, 3, 2], repeating: 1)) }
    }

    @Test(arguments: [false, true])
    func columnSumsAndMeansMatchNumPy(single: Bool) throws {
        if single { try checkColumns(Float.self) } else { try checkColumns(Double.self) }
    }

    private func checkColumns<S: LearnScalar>(_ type: S.Type) throws {
        let x = try ref.input("COLS", as: type)
        let sums = try ref.array("kernels", "column_sums").data
        var out = [S](repeating: 7, count: x.columns)
        x.scalars.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { out in
                S.columnSums(input.baseAddress!, rows: x.rows, columns: x.columns, into: out.baseAddress!)
            }
        }
        expectReference(out, sums, "column sums")
        // Accumulating adds the sums to what is there (a gradient buffer).
        x.scalars.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { out in
                S.columnSums(
                    input.baseAddress!, rows: x.rows, columns: x.columns, into: out.baseAddress!, accumulate: true)
            }
        }
        expectReference(out, sums.map { 2 * $0 }, "accumulated column sums")
        x.scalars.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { out in
                S.columnMeans(input.baseAddress!, rows: x.rows, columns: x.columns, into: out.baseAddress!)
            }
        }
        expectReference(out, try ref.array("kernels", "column_means").data, "column means")
        // The matrix reductions over axis 0 run the same kernel: the same values to the bit.
        #expect(try x.mean(axis: 0) == out)
    }

    @Test(arguments: [false, true])
    func euclideanDistancesMatchNumPy(single: Bool) throws {
        if single { try checkDistances(Float.self) } else { try checkDistances(Double.self) }
    }

    private func checkDistances<S: LearnScalar>(_ type: S.Type) throws {
        let (x, y) = (try ref.input("PX", as: type), try ref.input("PY", as: type))
        // The squares agree with NumPy's evaluation of the same expansion to rounding.
        expectReference(
            try euclideanDistances(x, y, squared: true), try ref.array("kernels", "sq_euclidean_PX_PY"), "squared")
        // ‖x‖² + ‖y‖² − 2 x·y loses digits to cancellation (squared norms here are at most 12, so about
        // 12 ε absolute in a square), and the root of a tiny square magnifies that to √(12 ε): 5e-8 in
        // Double, 1.2e-3 in Float, for an (almost) equal pair. 1e-6 and 1e-2 bound it, against NumPy's
        // expansion (whose rounding differs) and against the exact differences.
        let rootTolerance = S.self == Float.self ? 1e-2 : 1e-6
        let distances = try euclideanDistances(x, y)
        #expect(distances.shape == [6, 4])
        expectClose(
            distances.scalars, try ref.array("kernels", "euclidean_PX_PY").data, tolerance: rootTolerance,
            "distances")
        expectClose(
            distances.scalars, try ref.array("kernels", "exact_euclidean_PX_PY").data, tolerance: rootTolerance,
            "against the exact differences")
        #expect(distances.scalars.allSatisfy { $0 >= 0 }, "clamped at 0")
        let own = try euclideanDistances(x)
        expectClose(own.scalars, try ref.array("kernels", "euclidean_PX").data, tolerance: rootTolerance, "X with X")
        #expect((0..<6).allSatisfy { own[$0, $0] == 0 }, "an exact 0 diagonal")
        #expect(own[1, 4] >= 0 && Double(own[1, 4]) <= rootTolerance, "two equal rows")
    }

    @Test func euclideanDistancesRefuseMismatchedColumnsAndAcceptEmptyInput() throws {
        let x = try Matrix<Double>([[0, 1], [1, 1]])
        expectError(.shapeMismatch(operation: "euclideanDistances", expected: "Y with 2 columns, as X", got: "3")) {
            try euclideanDistances(x, try Matrix([[0, 0, 0]]))
        }
        let none = try euclideanDistances(x, try Matrix(rows: 0, columns: 2, scalars: []))
        #expect(none.shape == [2, 0])
        #expect(try rowSquaredNorms(x) == [1, 2])
    }

    /// The reference's rows with `null` as NaN.
    private func selectionInput() throws -> Matrix<Double> {
        let rows = try #require((ref.root["kernels"] as? [String: Any])?["ks_values"] as? [[Any]])
        return try Matrix(rows.map { row in row.map { ($0 as? Double) ?? .nan } })
    }

    @Test func kSmallestIndicesMatchAStableArgsort() throws {
        let x = try selectionInput()
        let expected3 = try #require((ref.root["kernels"] as? [String: Any])?["ks_smallest_3"] as? [[Int]])
        let expected9 = try #require((ref.root["kernels"] as? [String: Any])?["ks_smallest_9"] as? [[Int]])
        #expect(try kSmallestIndices(x, k: 3) == expected3)
        #expect(try kSmallestIndices(x, k: 9) == expected9, "k = columns is the whole stable argsort, NaN last")
        #expect(try kSmallestIndices(Matrix<Float>(x), k: 3) == expected3)
        #expect(try kSmallestIndices(x, k: 0) == [[], [], [], [], []])
        #expect(try kSmallestIndices(try Matrix<Double>([[0.5, 0.1, 0.5, 0.3]]), k: 3) == [[1, 3, 0]])
    }

    @Test func kSmallestIndicesRefuseABadK() throws {
        let x = try Matrix<Double>([[1, 2, 3]])
        for k in [-1, 4] {
            expectError(.invalidParameter(name: "k", expected: "a count in 0...3 (the columns)", got: "\(k)")) {
                try kSmallestIndices(x, k: k)
            }
        }
    }

    @Test func penaltySumsAndSigmoidAgreeWithTheirDefinitions() throws {
        let w: [Double] = [-2, 0, 0.5, 3]
        var gradient: [Double] = [1, 1, 1, 1]
        let (absolute, squares) = w.withUnsafeBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { g in
                Double.penaltySums(w.baseAddress!, count: 4, l1: 0.1, l2: 2, gradients: g.baseAddress!)
            }
        }
        #expect(absolute == 5.5 && squares == 13.25)
        // g += l1 · sign(w) + l2 · w, the penalty's gradient added in one step.
        let expected: [Double] = [1 + (-0.1 - 4), 1, 1 + (0.1 + 1), 1 + (0.1 + 6)]
        #expect(gradient == expected)
        #expect(Double.sigmoid(0) == 0.5 && Double.sigmoid(-800) == 0 && Double.sigmoid(800) == 1)
        expectReference(
            [-800.0, -40, 0, 40, 800].map(Double.sigmoid), try ref.array("elementwise", "sigmoid_extreme").data,
            "sigmoid at the extremes")
    }
}
