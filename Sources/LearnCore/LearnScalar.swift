import RealModule

/// A floating-point scalar that SwiftLearn's storage types hold: `Float` or `Double`.
///
/// The protocol is the library's single dispatch point by scalar type. Its BLAS and LAPACK
/// requirements are implemented once for `Double` (the `d` routines) and once for `Float`
/// (the `s` routines); everything else in the library is generic and reaches OpenBLAS only
/// through these entry points. The kernel requirements (elementwise maps, reductions) have
/// default implementations that the compiler specialises for each conforming type, so a
/// generic `Tensor<Double>` operation pays one dynamic dispatch per buffer, not per element.
///
/// All matrices passed to the BLAS requirements are row-major with the given leading dimension.
/// They are low-level: prefer ``Matrix`` and ``Tensor`` methods, which validate shapes.
public protocol LearnScalar: BinaryFloatingPoint, Real, Sendable, Codable, LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// The BLAS/LAPACK precision prefix (`"d"` or `"s"`), used in messages and benchmark names.
    static var blasPrefix: String { get }

    // MARK: BLAS

    /// `C = alpha * op(A) * op(B) + beta * C` (row-major `?gemm`); `op(A)` is m×k, `op(B)` k×n.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32, alpha: Self,
        a: UnsafePointer<Self>, lda: Int32, b: UnsafePointer<Self>, ldb: Int32, beta: Self,
        c: UnsafeMutablePointer<Self>, ldc: Int32)
    /// `y = alpha * op(A) * x + beta * y` (row-major `?gemv`); `A` is m×n.
    static func gemv(
        transpose: Bool, m: Int32, n: Int32, alpha: Self, a: UnsafePointer<Self>, lda: Int32,
        x: UnsafePointer<Self>, incx: Int32, beta: Self, y: UnsafeMutablePointer<Self>, incy: Int32)
    /// `x · y` (`?dot`).
    static func dot(n: Int32, x: UnsafePointer<Self>, incx: Int32, y: UnsafePointer<Self>, incy: Int32) -> Self
    /// `y += alpha * x` (`?axpy`).
    static func axpy(
        n: Int32, alpha: Self, x: UnsafePointer<Self>, incx: Int32, y: UnsafeMutablePointer<Self>, incy: Int32)
    /// `x *= alpha` (`?scal`).
    static func scal(n: Int32, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int32)
    /// The Euclidean norm of `x`, computed without overflow (`?nrm2`).
    static func nrm2(n: Int32, x: UnsafePointer<Self>, incx: Int32) -> Self

    // MARK: LAPACK (column-major, as LAPACK itself; the callers arrange the layout)

    /// LU factorisation with partial pivoting (`?getrf`). Returns LAPACK's `info`.
    static func getrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>)
        -> Int32
    /// Solves with an LU factorisation (`?getrs`). Returns LAPACK's `info`.
    static func getrs(
        transpose: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Self>, lda: Int32,
        ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int32
    ) -> Int32
    /// Inverse from an LU factorisation (`?getri`). Returns LAPACK's `info`.
    static func getri(n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, ipiv: UnsafePointer<Int32>) -> Int32
    /// Cholesky factorisation (`?potrf`). Returns LAPACK's `info`.
    static func potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32) -> Int32
    /// Solves with a Cholesky factor (`?potrs`). Returns LAPACK's `info`.
    static func potrs(
        upper: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Self>, lda: Int32,
        b: UnsafeMutablePointer<Self>, ldb: Int32
    ) -> Int32
    /// Minimum-norm least squares through a divide-and-conquer SVD (`?gelsd`). Returns `info`.
    static func gelsd(
        m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
        b: UnsafeMutablePointer<Self>, ldb: Int32, s: UnsafeMutablePointer<Self>, rcond: Self,
        rank: UnsafeMutablePointer<Int32>
    ) -> Int32
    /// Symmetric eigendecomposition, divide and conquer (`?syevd`). Returns `info`.
    static func syevd(
        computeVectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32,
        w: UnsafeMutablePointer<Self>
    ) -> Int32
    /// Thin singular value decomposition, divide and conquer (`?gesdd`, `jobz = 'S'`). Returns `info`.
    static func gesdd(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, s: UnsafeMutablePointer<Self>,
        u: UnsafeMutablePointer<Self>, ldu: Int32, vt: UnsafeMutablePointer<Self>, ldvt: Int32
    ) -> Int32

    /// Householder QR (`?geqrf`). Returns `info`.
    static func geqrf(m: Int32, n: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafeMutablePointer<Self>)
        -> Int32
    /// Forms Q's first `n` columns from `geqrf`'s reflectors (`?orgqr`). Returns `info`.
    static func orgqr(m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Self>, lda: Int32, tau: UnsafePointer<Self>)
        -> Int32

    // MARK: Kernels (default implementations in Kernels/, specialised per conforming type)

    /// `out[i] = lhs[i * lhsStride] ∘ rhs[i * rhsStride]`; strides are 0 (broadcast) or 1.
    static func binaryKernel(
        _ operation: BinaryOperation, lhs: UnsafePointer<Self>, lhsStride: Int,
        rhs: UnsafePointer<Self>, rhsStride: Int, out: UnsafeMutablePointer<Self>, count: Int)
    /// `out[i] = f(input[i])`.
    static func unaryKernel(
        _ operation: UnaryOperation<Self>, input: UnsafePointer<Self>, out: UnsafeMutablePointer<Self>, count: Int)
    /// Reduces the middle axis of an `outer × length × inner` block into `outer × inner` values.
    static func reductionKernel(
        _ operation: ReductionOperation, input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int,
        out: UnsafeMutablePointer<Self>)
    /// Index of the first maximum or minimum along the middle axis of an `outer × length × inner` block.
    static func argReductionKernel(
        _ operation: ArgReductionOperation, input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int,
        out: UnsafeMutablePointer<Int>)
    /// Softmax (or log-softmax) along the middle axis of an `outer × length × inner` block.
    static func softmaxKernel(
        input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int, out: UnsafeMutablePointer<Self>,
        logarithm: Bool)
    /// Whether all `count` values are finite (no NaN, no infinity).
    static func allFiniteKernel(_ input: UnsafePointer<Self>, count: Int) -> Bool
}
