// Products through BLAS: every call lands in the scalar type's gemm/gemv/dot/axpy/scal/nrm2.

/// A size converted to BLAS' 32-bit integer, or an error for matrices beyond its reach.
@inline(__always)
func blasInt(_ value: Int, _ operation: String) throws -> Int32 {
    guard let result = Int32(exactly: value) else {
        throw LearnError.invalidParameter(
            name: "size", expected: "at most \(Int32.max) per dimension for BLAS", got: "\(value) in \(operation)")
    }
    return result
}

extension LearnScalar {
    /// Row-major `gemm` on raw buffers with `Int` sizes, for kernels whose sizes were checked when they were
    /// laid out: `Shape.checkArray` keeps every array within BLAS' 32-bit element counts, so each size and
    /// leading dimension here fits; one that does not is a programming error and stops the program.
    ///
    /// <!-- doctest: given let (batch, units, inputs) = (2, 3, 4) -->
    /// <!-- doctest: given let (input, kernel) = ([Float](repeating: 1, count: 8), [Float](repeating: 0.5, count: 12)) -->
    /// <!-- doctest: given let output = UnsafeMutablePointer<Float>.allocate(capacity: batch * units) -->
    /// <!-- doctest: given defer { output.deallocate() } -->
    /// ```swift
    /// Float.gemm(transposeA: false, transposeB: false, m: batch, n: units, k: inputs, alpha: 1,
    ///            a: input, lda: inputs, b: kernel, ldb: units, beta: 0, c: output, ldc: units)
    /// ```
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self,
        c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        gemm(
            transposeA: transposeA, transposeB: transposeB, m: checkedBLASSize(m), n: checkedBLASSize(n),
            k: checkedBLASSize(k), alpha: alpha, a: a, lda: checkedBLASSize(lda), b: b, ldb: checkedBLASSize(ldb),
            beta: beta, c: c, ldc: checkedBLASSize(ldc))
    }
}

extension LearnScalar {
    /// `x · y` over `n` contiguous values (`?dot`), with an `Int` size; 0 for `n == 0`. A length beyond BLAS'
    /// 32-bit sizes (a feature row from a caller's matrix can be one) is taken in 32-bit chunks, never a trap.
    ///
    /// <!-- doctest: given let (bias, features) = (0.5, 2) -->
    /// <!-- doctest: given let (weights, row): ([Double], [Double]) = ([1, 2], [3, 4]) -->
    /// ```swift
    /// let logit = bias + Double.dot(n: features, x: weights, y: row)
    /// ```
    @inline(__always)
    public static func dot(n: Int, x: UnsafePointer<Self>, y: UnsafePointer<Self>) -> Self {
        var total = Self.zero
        forEachBLASChunk(n) { start, count in total += dot(n: count, x: x + start, incx: 1, y: y + start, incy: 1) }
        return total
    }

    /// `y += alpha · x` over `n` contiguous values (`?axpy`), with an `Int` size as ``dot(n:x:y:)``.
    @inline(__always)
    public static func axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>) {
        forEachBLASChunk(n) { start, count in axpy(n: count, alpha: alpha, x: x + start, incx: 1, y: y + start, incy: 1)
        }
    }

    /// `x *= alpha` over `n` contiguous values (`?scal`), with an `Int` size as ``dot(n:x:y:)``.
    @inline(__always)
    public static func scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>) {
        forEachBLASChunk(n) { start, count in scal(n: count, alpha: alpha, x: x + start, incx: 1) }
    }
}

/// Calls `body(start, count)` over `0..<n` in pieces BLAS' 32-bit sizes can hold (one piece in practice).
@inline(__always)
func forEachBLASChunk(_ n: Int, _ body: (Int, Int32) -> Void) {
    var start = 0
    while start < n {
        let count = Swift.min(n - start, Int(Int32.max))
        body(start, Int32(count))
        start += count
    }
}

/// `value` as BLAS' 32-bit integer; sizes reaching here were bounded by `Shape.checkArray`.
@inline(__always)
func checkedBLASSize(_ value: Int) -> Int32 {
    guard let result = Int32(exactly: value) else {
        preconditionFailure("BLAS size \(value) beyond Int32: a shape escaped Shape.checkArray")
    }
    return result
}

/// The matrix product `op(a) · op(b)`, where `op` transposes when asked (BLAS `gemm`).
///
/// - Complexity: `2·m·n·k` floating-point operations in OpenBLAS' blocked kernels.
/// - Throws: ``LearnError/shapeMismatch(operation:expected:got:)`` when the inner sizes differ.
public func matmul<S: LearnScalar>(_ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool = false, transposeB: Bool = false)
    throws -> Matrix<S>
{
    let m = transposeA ? a.columns : a.rows
    let n = transposeB ? b.rows : b.columns
    let k = transposeA ? a.rows : a.columns
    // gemm with beta = 0 overwrites c without reading it, so skip the zero-fill.
    var c = Matrix<S>(
        uncheckedRows: m, columns: n,
        scalars: Elementwise.makeArray(count: m * n) { out in
            for i in 0..<(m * n) where k == 0 { out[i] = 0 }
        })
    try gemm(alpha: 1, a, transposeA: transposeA, b, transposeB: transposeB, beta: 0, into: &c)
    return c
}

/// `c = alpha · op(a) · op(b) + beta · c` in place (BLAS `gemm`), for loops that reuse `c`'s storage.
public func gemm<S: LearnScalar>(
    alpha: S, _ a: Matrix<S>, transposeA: Bool = false, _ b: Matrix<S>, transposeB: Bool = false,
    beta: S, into c: inout Matrix<S>
) throws {
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    guard k == kb else {
        throw LearnError.shapeMismatch(
            operation: "matmul", expected: "inner sizes to agree: op(a) is \(m) × \(k), so op(b) needs \(k) rows",
            got: "op(b) of \(kb) × \(n)")
    }
    guard c.rows == m && c.columns == n else {
        throw LearnError.shapeMismatch(operation: "gemm", expected: "c of \(m) × \(n)", got: "\(c.rows) × \(c.columns)")
    }
    if m == 0 || n == 0 { return }
    let (m32, n32, k32) = (try blasInt(m, "gemm"), try blasInt(n, "gemm"), try blasInt(k, "gemm"))
    let (lda, ldb) = (try blasInt(max(1, a.columns), "gemm"), try blasInt(max(1, b.columns), "gemm"))
    a.scalars.withUnsafeBufferPointer { aBuffer in
        b.scalars.withUnsafeBufferPointer { bBuffer in
            c.scalars.withUnsafeMutableBufferPointer { cBuffer in
                guard let cBase = cBuffer.baseAddress else { return }
                guard k > 0, let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress else {
                    S.scal(n: Int32(m * n), alpha: beta, x: cBase, incx: 1) // an empty sum
                    return
                }
                S.gemm(
                    transposeA: transposeA, transposeB: transposeB, m: m32, n: n32, k: k32, alpha: alpha,
                    a: aBase, lda: lda, b: bBase, ldb: ldb, beta: beta, c: cBase, ldc: n32)
            }
        }
    }
}

/// The matrix–vector product `op(a) · x` (BLAS `gemv`).
public func matvec<S: LearnScalar>(_ a: Matrix<S>, _ x: [S], transpose: Bool = false) throws -> [S] {
    let (outCount, inCount) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
    guard x.count == inCount else {
        throw LearnError.shapeMismatch(
            operation: "matvec",
            expected: "a vector of \(inCount) for a \(a.rows) × \(a.columns) matrix\(transpose ? " (transposed)" : "")",
            got: "\(x.count)")
    }
    var y = [S](repeating: 0, count: outCount)
    guard outCount > 0, inCount > 0 else { return y }
    let (m, n) = (try blasInt(a.rows, "matvec"), try blasInt(a.columns, "matvec"))
    a.scalars.withUnsafeBufferPointer { aBuffer in
        x.withUnsafeBufferPointer { xBuffer in
            y.withUnsafeMutableBufferPointer { yBuffer in
                guard let aBase = aBuffer.baseAddress, let xBase = xBuffer.baseAddress, let yBase = yBuffer.baseAddress
                else { return }
                S.gemv(
                    transpose: transpose, m: m, n: n, alpha: 1, a: aBase, lda: n, x: xBase, incx: 1, beta: 0, y: yBase,
                    incy: 1)
            }
        }
    }
    return y
}

extension Matrix {
    /// `self · other` (see ``matmul(_:_:transposeA:transposeB:)``).
    public func matmul(_ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Matrix {
        try LearnCore.matmul(self, other, transposeA: transposeSelf, transposeB: transposeOther)
    }

    /// `self · x` (see ``matvec(_:_:transpose:)``).
    public func matvec(_ x: [Scalar], transpose: Bool = false) throws -> [Scalar] {
        try LearnCore.matvec(self, x, transpose: transpose)
    }
}

/// The dot product `x · y` (BLAS `dot`).
public func dot<S: LearnScalar>(_ x: [S], _ y: [S]) throws -> S {
    guard x.count == y.count else {
        throw LearnError.shapeMismatch(
            operation: "dot", expected: "vectors of equal length (\(x.count))", got: "\(y.count)")
    }
    guard !x.isEmpty else { return 0 }
    let n = try blasInt(x.count, "dot")
    return x.withUnsafeBufferPointer { xb in
        y.withUnsafeBufferPointer { yb in S.dot(n: n, x: xb.baseAddress!, incx: 1, y: yb.baseAddress!, incy: 1) }
    }
}

/// `y += alpha · x` (BLAS `axpy`).
public func axpy<S: LearnScalar>(alpha: S, _ x: [S], _ y: inout [S]) throws {
    guard x.count == y.count else {
        throw LearnError.shapeMismatch(
            operation: "axpy", expected: "vectors of equal length (\(x.count))", got: "\(y.count)")
    }
    guard !x.isEmpty else { return }
    let n = try blasInt(x.count, "axpy")
    x.withUnsafeBufferPointer { xb in
        y.withUnsafeMutableBufferPointer { yb in
            S.axpy(n: n, alpha: alpha, x: xb.baseAddress!, incx: 1, y: yb.baseAddress!, incy: 1)
        }
    }
}

/// `x *= alpha` (BLAS `scal`).
public func scal<S: LearnScalar>(alpha: S, _ x: inout [S]) throws {
    guard !x.isEmpty else { return }
    let n = try blasInt(x.count, "scal")
    x.withUnsafeMutableBufferPointer { xb in S.scal(n: n, alpha: alpha, x: xb.baseAddress!, incx: 1) }
}

/// The Euclidean norm `‖x‖₂`, computed without overflow or underflow (BLAS `nrm2`).
public func nrm2<S: LearnScalar>(_ x: [S]) throws -> S {
    guard !x.isEmpty else { return 0 }
    let n = try blasInt(x.count, "nrm2")
    return x.withUnsafeBufferPointer { xb in S.nrm2(n: n, x: xb.baseAddress!, incx: 1) }
}
