// Batched matrix products: one BLAS gemm per batch entry, on strided row-major buffers.

extension LearnScalar {
    /// `C[b] = alpha · op(A[b]) · op(B[b]) + beta · C[b]` for `b < batchCount` (strided batched `gemm`).
    ///
    /// Batch entry `b` of each operand starts `b · stride` elements into its buffer and is row-major
    /// with the given leading dimension; `op(A[b])` is `m × k`, `op(B[b])` is `k × n`, `C[b]` is `m × n`.
    /// A stride of 0 shares one operand across the batch (a shared weight matrix). Each product is one
    /// OpenBLAS `?gemm` call: OpenBLAS 0.3.21 has no batched entry point, and for the sizes the layers
    /// use each call is large enough that the loop costs nothing measurable.
    ///
    /// <!-- doctest: given let qs = UnsafeMutablePointer<Float>.allocate(capacity: 512) -->
    /// <!-- doctest: given qs.initialize(repeating: 1, count: 512) -->
    /// <!-- doctest: given defer { qs.deallocate() } -->
    /// <!-- doctest: given let ks = UnsafeMutablePointer<Float>.allocate(capacity: 512) -->
    /// <!-- doctest: given ks.initialize(repeating: 1, count: 512) -->
    /// <!-- doctest: given defer { ks.deallocate() } -->
    /// <!-- doctest: given let ss = UnsafeMutablePointer<Float>.allocate(capacity: 2048) -->
    /// <!-- doctest: given ss.initialize(repeating: 0, count: 2048) -->
    /// <!-- doctest: given defer { ss.deallocate() } -->
    /// <!-- doctest: given let (q, k) = (UnsafeBufferPointer(start: qs, count: 512), UnsafeBufferPointer(start: ks, count: 512)) -->
    /// <!-- doctest: given let scores = UnsafeMutableBufferPointer(start: ss, count: 2048) -->
    /// ```swift
    /// // 8 attention heads: scores[h] = Q[h] · K[h]ᵀ, each 16 × 16 from 16 × 4 blocks
    /// try Float.batchedGemm(
    ///     transposeA: false, transposeB: true, m: 16, n: 16, k: 4, alpha: 0.5,
    ///     a: q, lda: 4, strideA: 64, b: k, ldb: 4, strideB: 64, beta: 0,
    ///     c: scores, ldc: 16, strideC: 256, batchCount: 8)
    /// print(scores[0])   // 0.5 · Σ of 4 products of ones
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// 2.0
    /// ```
    ///
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for a negative size or stride, a
    ///   leading dimension shorter than a row, a size beyond BLAS' 32 bits, or a buffer too short for the
    ///   last batch entry (all checked with overflow-safe arithmetic before BLAS is called).
    public static func batchedGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafeBufferPointer<Self>, lda: Int, strideA: Int,
        b: UnsafeBufferPointer<Self>, ldb: Int, strideB: Int, beta: Self,
        c: UnsafeMutableBufferPointer<Self>, ldc: Int, strideC: Int, batchCount: Int
    ) throws {
        let operation = "batchedGemm"
        for (name, value) in [
            ("m", m), ("n", n), ("k", k), ("strideA", strideA), ("strideB", strideB), ("strideC", strideC),
            ("batchCount", batchCount)
        ] where value < 0 {
            throw LearnError.invalidParameter(name: name, expected: "a non-negative size", got: "\(value)")
        }
        // Row-major: op(A) m × k is stored as m × k (or k × m transposed); likewise B and C.
        let (aRows, aColumns) = transposeA ? (k, m) : (m, k)
        let (bRows, bColumns) = transposeB ? (n, k) : (k, n)
        let operands = [
            ("a", aRows, aColumns, lda, strideA, a.count), ("b", bRows, bColumns, ldb, strideB, b.count),
            ("c", m, n, ldc, strideC, c.count)
        ]
        for (name, rows, columns, leading, stride, count) in operands {
            guard leading >= Swift.max(1, columns) else {
                throw LearnError.invalidParameter(
                    name: "ld\(name)", expected: "at least \(Swift.max(1, columns)) (the row length of \(name))",
                    got: "\(leading)")
            }
            guard batchCount > 0, rows > 0, columns > 0 else { continue }
            // The last element read or written: (batchCount − 1) · stride + (rows − 1) · ld + columns.
            let last = try Shape.sum(
                Shape.product(batchCount - 1, stride, operation: operation),
                Shape.sum(Shape.product(rows - 1, leading, operation: operation), columns, operation: operation),
                operation: operation)
            guard last <= count else {
                throw LearnError.invalidParameter(
                    name: name,
                    expected: "a buffer of at least \(last) elements for \(batchCount) × \(rows) × \(columns)",
                    got: "\(count)")
            }
        }
        for (name, value) in [("m", m), ("n", n), ("k", k), ("lda", lda), ("ldb", ldb), ("ldc", ldc)] {
            _ = try blasInt(value, "\(operation) (\(name))")
        }
        guard batchCount > 0, m > 0, n > 0, let cBase = c.baseAddress else { return }
        guard k > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else {
            // An empty inner product: C = beta · C, row by row (C's rows may be padded).
            for entry in 0..<batchCount {
                for row in 0..<m {
                    let start = cBase + (entry &* strideC &+ row &* ldc)
                    for j in 0..<n { start[j] = beta == 0 ? 0 : beta * start[j] }
                }
            }
            return
        }
        for entry in 0..<batchCount {
            gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: aBase + entry &* strideA, lda: lda, b: bBase + entry &* strideB, ldb: ldb, beta: beta,
                c: cBase + entry &* strideC, ldc: ldc)
        }
    }
}

extension Tensor {
    /// The batched matrix product of two rank-3 tensors, `[batch, m, k] · [batch, k, n] → [batch, m, n]`
    /// (NumPy's `np.matmul` on stacks of matrices), transposing each matrix of `self` or `other` when asked.
    ///
    /// ```swift
    /// let a = try Tensor<Double>(shape: [2, 3, 4], repeating: 1)
    /// let b = try Tensor<Double>(shape: [2, 4, 5], repeating: 2)
    /// let c = try a.batchedMatmul(b)   // shape [2, 3, 5], every value 8
    /// ```
    ///
    /// - Throws: ``LearnError/shapeMismatch(operation:expected:got:)`` unless both are rank 3 with the same
    ///   batch and agreeing inner sizes; ``LearnError/resourceLimit(operation:needed:limit:)`` for a result
    ///   beyond the array limit.
    public func batchedMatmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) throws
        -> Tensor
    {
        let operation = "batchedMatmul"
        guard shape.count == 3, other.shape.count == 3, shape[0] == other.shape[0] else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "two rank-3 tensors [batch, rows, columns] with the same batch",
                got: "\(shape) and \(other.shape)")
        }
        let (batch, m, k) = transposeSelf ? (shape[0], shape[2], shape[1]) : (shape[0], shape[1], shape[2])
        let (kb, n) = transposeOther ? (other.shape[2], other.shape[1]) : (other.shape[1], other.shape[2])
        guard k == kb else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "inner sizes to agree: op(self) is \(m) × \(k) per batch entry",
                got: "op(other) of \(kb) × \(n)")
        }
        let count = try Shape.checkArray(
            [batch, m, n], scalarSize: MemoryLayout<Scalar>.stride, operation: operation)
        var result = [Scalar](repeating: 0, count: count)
        try scalars.withUnsafeBufferPointer { a in
            try other.scalars.withUnsafeBufferPointer { b in
                try result.withUnsafeMutableBufferPointer { c in
                    try Scalar.batchedGemm(
                        transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k, alpha: 1,
                        a: a, lda: Swift.max(1, shape[2]), strideA: shape[1] * shape[2],
                        b: b, ldb: Swift.max(1, other.shape[2]), strideB: other.shape[1] * other.shape[2], beta: 0,
                        c: c, ldc: Swift.max(1, n), strideC: m * n, batchCount: batch)
                }
            }
        }
        return Tensor(uncheckedShape: [batch, m, n], scalars: result)
    }
}
