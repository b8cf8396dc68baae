import CBLAS
import CLAPACKE
import RealModule

/// `Double` reaches OpenBLAS through the `d` routines. This file and `Float+LearnScalar.swift`
/// are the only places in SwiftLearn that call BLAS or LAPACK symbols.
extension Double: LearnScalar {
    /// `"d"`: the BLAS/LAPACK prefix of double precision.
    public static var blasPrefix: String { "d" }

    /// Row-major `cblas_dgemm`.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32, alpha: Double,
        a: UnsafePointer<Double>, lda: Int32, b: UnsafePointer<Double>, ldb: Int32, beta: Double,
        c: UnsafeMutablePointer<Double>, ldc: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_dgemm(
            CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
            m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }

    /// Row-major `cblas_dgemv`.
    public static func gemv(
        transpose: Bool, m: Int32, n: Int32, alpha: Double, a: UnsafePointer<Double>, lda: Int32,
        x: UnsafePointer<Double>, incx: Int32, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_dgemv(CblasRowMajor, cblasTranspose(transpose), m, n, alpha, a, lda, x, incx, beta, y, incy)
    }

    /// `cblas_ddot`.
    public static func dot(n: Int32, x: UnsafePointer<Double>, incx: Int32, y: UnsafePointer<Double>, incy: Int32)
        -> Double
    {
        BLASRuntime.noteFirstUse()
        return cblas_ddot(n, x, incx, y, incy)
    }

    /// `cblas_daxpy`.
    public static func axpy(
        n: Int32, alpha: Double, x: UnsafePointer<Double>, incx: Int32, y: UnsafeMutablePointer<Double>, incy: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_daxpy(n, alpha, x, incx, y, incy)
    }

    /// `cblas_dscal`.
    public static func scal(n: Int32, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int32) {
        BLASRuntime.noteFirstUse()
        cblas_dscal(n, alpha, x, incx)
    }

    /// `cblas_dnrm2`.
    public static func nrm2(n: Int32, x: UnsafePointer<Double>, incx: Int32) -> Double {
        BLASRuntime.noteFirstUse()
        return cblas_dnrm2(n, x, incx)
    }

    /// Column-major `LAPACKE_dgetrf`.
    public static func getrf(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dgetrf(LAPACK_COL_MAJOR, m, n, a, lda, ipiv)
    }

    /// Column-major `LAPACKE_dgetrs`.
    public static func getrs(
        transpose: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Double>, lda: Int32,
        ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int32
    ) -> Int32 {
        LAPACKE_dgetrs(LAPACK_COL_MAJOR, lapackFlag(transpose, "T", "N"), n, nrhs, a, lda, ipiv, b, ldb)
    }

    /// Column-major `LAPACKE_dgetri`.
    public static func getri(n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, ipiv: UnsafePointer<Int32>) -> Int32
    {
        LAPACKE_dgetri(LAPACK_COL_MAJOR, n, a, lda, ipiv)
    }

    /// Column-major `LAPACKE_dpotrf`.
    public static func potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dpotrf(LAPACK_COL_MAJOR, lapackFlag(upper, "U", "L"), n, a, lda)
    }

    /// Column-major `LAPACKE_dpotrs`.
    public static func potrs(
        upper: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Double>, lda: Int32,
        b: UnsafeMutablePointer<Double>, ldb: Int32
    ) -> Int32 {
        LAPACKE_dpotrs(LAPACK_COL_MAJOR, lapackFlag(upper, "U", "L"), n, nrhs, a, lda, b, ldb)
    }

    /// Column-major `LAPACKE_dgelsd`.
    public static func gelsd(
        m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
        b: UnsafeMutablePointer<Double>, ldb: Int32, s: UnsafeMutablePointer<Double>, rcond: Double,
        rank: UnsafeMutablePointer<Int32>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dgelsd(LAPACK_COL_MAJOR, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }

    /// Column-major `LAPACKE_dsyevd`.
    public static func syevd(
        computeVectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32,
        w: UnsafeMutablePointer<Double>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dsyevd(
            LAPACK_COL_MAJOR, lapackFlag(computeVectors, "V", "N"), lapackFlag(upper, "U", "L"), n, a, lda, w)
    }

    /// Column-major `LAPACKE_dgesdd` with `jobz = 'S'`.
    public static func gesdd(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, s: UnsafeMutablePointer<Double>,
        u: UnsafeMutablePointer<Double>, ldu: Int32, vt: UnsafeMutablePointer<Double>, ldvt: Int32
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dgesdd(LAPACK_COL_MAJOR, lapackFlag(true, "S", "S"), m, n, a, lda, s, u, ldu, vt, ldvt)
    }

    /// Column-major `LAPACKE_dgeqrf`: Householder QR, reflectors below the diagonal, `tau` their scales.
    public static func geqrf(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafeMutablePointer<Double>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dgeqrf(LAPACK_COL_MAJOR, m, n, a, lda, tau)
    }

    /// Column-major `LAPACKE_dorgqr`: the first `n` columns of Q from `geqrf`'s reflectors.
    public static func orgqr(
        m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Double>, lda: Int32, tau: UnsafePointer<Double>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_dorgqr(LAPACK_COL_MAJOR, m, n, k, a, lda, tau)
    }
}

/// CBLAS' transpose flag for a Boolean.
@inline(__always)
func cblasTranspose(_ transpose: Bool) -> CBLAS_TRANSPOSE {
    transpose ? CblasTrans : CblasNoTrans
}

/// A LAPACK character flag (`'U'`/`'L'`, `'T'`/`'N'`, …) for a Boolean.
@inline(__always)
func lapackFlag(_ condition: Bool, _ whenTrue: Unicode.Scalar, _ whenFalse: Unicode.Scalar) -> CChar {
    CChar(truncatingIfNeeded: (condition ? whenTrue : whenFalse).value)
}
