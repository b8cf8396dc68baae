import CBLAS
import CLAPACKE
import RealModule

/// `Float` reaches OpenBLAS through the `s` routines. This file and `Double+LearnScalar.swift`
/// are the only places in SwiftLearn that call BLAS or LAPACK symbols.
extension Float: LearnScalar {
    /// `"s"`: the BLAS/LAPACK prefix of single precision.
    public static var blasPrefix: String { "s" }

    /// Row-major `cblas_sgemm`.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32, alpha: Float,
        a: UnsafePointer<Float>, lda: Int32, b: UnsafePointer<Float>, ldb: Int32, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_sgemm(
            CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
            m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }

    /// Row-major `cblas_sgemv`.
    public static func gemv(
        transpose: Bool, m: Int32, n: Int32, alpha: Float, a: UnsafePointer<Float>, lda: Int32,
        x: UnsafePointer<Float>, incx: Int32, beta: Float, y: UnsafeMutablePointer<Float>, incy: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_sgemv(CblasRowMajor, cblasTranspose(transpose), m, n, alpha, a, lda, x, incx, beta, y, incy)
    }

    /// `cblas_sdot`.
    public static func dot(n: Int32, x: UnsafePointer<Float>, incx: Int32, y: UnsafePointer<Float>, incy: Int32)
        -> Float
    {
        BLASRuntime.noteFirstUse()
        return cblas_sdot(n, x, incx, y, incy)
    }

    /// `cblas_saxpy`.
    public static func axpy(
        n: Int32, alpha: Float, x: UnsafePointer<Float>, incx: Int32, y: UnsafeMutablePointer<Float>, incy: Int32
    ) {
        BLASRuntime.noteFirstUse()
        cblas_saxpy(n, alpha, x, incx, y, incy)
    }

    /// `cblas_sscal`.
    public static func scal(n: Int32, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int32) {
        BLASRuntime.noteFirstUse()
        cblas_sscal(n, alpha, x, incx)
    }

    /// `cblas_snrm2`.
    public static func nrm2(n: Int32, x: UnsafePointer<Float>, incx: Int32) -> Float {
        BLASRuntime.noteFirstUse()
        return cblas_snrm2(n, x, incx)
    }

    /// Column-major `LAPACKE_sgetrf`.
    public static func getrf(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, ipiv: UnsafeMutablePointer<Int32>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_sgetrf(LAPACK_COL_MAJOR, m, n, a, lda, ipiv)
    }

    /// Column-major `LAPACKE_sgetrs`.
    public static func getrs(
        transpose: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Float>, lda: Int32,
        ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Float>, ldb: Int32
    ) -> Int32 {
        LAPACKE_sgetrs(LAPACK_COL_MAJOR, lapackFlag(transpose, "T", "N"), n, nrhs, a, lda, ipiv, b, ldb)
    }

    /// Column-major `LAPACKE_sgetri`.
    public static func getri(n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, ipiv: UnsafePointer<Int32>) -> Int32
    {
        LAPACKE_sgetri(LAPACK_COL_MAJOR, n, a, lda, ipiv)
    }

    /// Column-major `LAPACKE_spotrf`.
    public static func potrf(upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_spotrf(LAPACK_COL_MAJOR, lapackFlag(upper, "U", "L"), n, a, lda)
    }

    /// Column-major `LAPACKE_spotrs`.
    public static func potrs(
        upper: Bool, n: Int32, nrhs: Int32, a: UnsafePointer<Float>, lda: Int32,
        b: UnsafeMutablePointer<Float>, ldb: Int32
    ) -> Int32 {
        LAPACKE_spotrs(LAPACK_COL_MAJOR, lapackFlag(upper, "U", "L"), n, nrhs, a, lda, b, ldb)
    }

    /// Column-major `LAPACKE_sgelsd`.
    public static func gelsd(
        m: Int32, n: Int32, nrhs: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
        b: UnsafeMutablePointer<Float>, ldb: Int32, s: UnsafeMutablePointer<Float>, rcond: Float,
        rank: UnsafeMutablePointer<Int32>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_sgelsd(LAPACK_COL_MAJOR, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }

    /// Column-major `LAPACKE_ssyevd`.
    public static func syevd(
        computeVectors: Bool, upper: Bool, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32,
        w: UnsafeMutablePointer<Float>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_ssyevd(
            LAPACK_COL_MAJOR, lapackFlag(computeVectors, "V", "N"), lapackFlag(upper, "U", "L"), n, a, lda, w)
    }

    /// Column-major `LAPACKE_sgesdd` with `jobz = 'S'`.
    public static func gesdd(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, s: UnsafeMutablePointer<Float>,
        u: UnsafeMutablePointer<Float>, ldu: Int32, vt: UnsafeMutablePointer<Float>, ldvt: Int32
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_sgesdd(LAPACK_COL_MAJOR, lapackFlag(true, "S", "S"), m, n, a, lda, s, u, ldu, vt, ldvt)
    }

    /// Column-major `LAPACKE_sgeqrf`: Householder QR, reflectors below the diagonal, `tau` their scales.
    public static func geqrf(
        m: Int32, n: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafeMutablePointer<Float>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_sgeqrf(LAPACK_COL_MAJOR, m, n, a, lda, tau)
    }

    /// Column-major `LAPACKE_sorgqr`: the first `n` columns of Q from `geqrf`'s reflectors.
    public static func orgqr(
        m: Int32, n: Int32, k: Int32, a: UnsafeMutablePointer<Float>, lda: Int32, tau: UnsafePointer<Float>
    ) -> Int32 {
        BLASRuntime.noteFirstUse()
        return LAPACKE_sorgqr(LAPACK_COL_MAJOR, m, n, k, a, lda, tau)
    }
}
