// Factorisations and solvers through LAPACK.
//
// LAPACK is column-major. A row-major n × n buffer read column-major is the transpose, so each
// routine below is arranged to work on that transpose directly (solving Aᵀ-systems with the
// transposed flag, factoring symmetric matrices as they are) instead of paying LAPACKE's
// row-major copies. Non-finite input is rejected first: LAPACK's behaviour on NaN is undefined.

/// The result of ``leastSquares(_:_:rcond:)``.
public struct LeastSquaresSolution<Scalar: LearnScalar>: Sendable {
    /// The minimum-norm solution `x` of `min ‖a·x − b‖₂` (`a.columns × b.columns`).
    public var solution: Matrix<Scalar>
    /// Squared residual norms per column of `b` when `a` has full column rank and more rows than
    /// columns; empty otherwise (as NumPy's `lstsq`).
    public var residuals: [Scalar]
    /// The effective rank of `a`.
    public var rank: Int
    /// The singular values of `a`, largest first.
    public var singularValues: [Scalar]
}

/// The result of ``eigh(_:)``.
public struct SymmetricEigendecomposition<Scalar: LearnScalar>: Sendable {
    /// Eigenvalues in ascending order.
    public var eigenvalues: [Scalar]
    /// Orthonormal eigenvectors as columns: column `j` belongs to `eigenvalues[j]`.
    public var eigenvectors: Matrix<Scalar>
}

/// The result of ``svd(_:)``: `a = u · diag(s) · vt`, thin (`k = min(m, n)`).
public struct SingularValueDecomposition<Scalar: LearnScalar>: Sendable {
    /// Left singular vectors as columns (`m × k`).
    public var u: Matrix<Scalar>
    /// Singular values, largest first (`k`).
    public var s: [Scalar]
    /// Right singular vectors as rows (`k × n`).
    public var vt: Matrix<Scalar>
}

/// A thin QR decomposition `a = q · r`.
public struct QRDecomposition<Scalar: LearnScalar>: Sendable {
    /// Orthonormal columns (`m × k`, `k = min(m, n)`).
    public var q: Matrix<Scalar>
    /// Upper triangular (`k × n`).
    public var r: Matrix<Scalar>
}

/// The thin (economic) QR decomposition by Householder reflections (LAPACK `geqrf` + `orgqr`), with
/// LAPACK's signs — as `scipy.linalg.qr(a, mode="economic")` and `numpy.linalg.qr(a)`.
/// - Throws: ``LearnError/emptyInput(operation:)`` or ``LearnError/nonFiniteInput(operation:)``.
public func qr<S: LearnScalar>(_ a: Matrix<S>) throws -> QRDecomposition<S> {
    guard a.rows > 0 && a.columns > 0 else { throw LearnError.emptyInput(operation: "qr") }
    try checkFinite(a, "qr")
    let (m, n) = (a.rows, a.columns)
    let k = min(m, n)
    var buffer = a.transposed().scalars // column-major a, lda = m
    var tau = [S](repeating: 0, count: k)
    let (m32, n32, k32) = (try blasInt(m, "qr"), try blasInt(n, "qr"), try blasInt(k, "qr"))
    try checkInfo(S.geqrf(m: m32, n: n32, a: &buffer, lda: m32, tau: &tau), "geqrf")
    var r = [S](repeating: 0, count: k * n)
    for i in 0..<k { for j in i..<n { r[i * n + j] = buffer[j * m + i] } }
    try checkInfo(S.orgqr(m: m32, n: k32, k: k32, a: &buffer, lda: m32, tau: tau), "orgqr")
    var q = [S](repeating: 0, count: m * k)
    for i in 0..<m { for j in 0..<k { q[i * k + j] = buffer[j * m + i] } }
    return QRDecomposition(
        q: Matrix(uncheckedRows: m, columns: k, scalars: q), r: Matrix(uncheckedRows: k, columns: n, scalars: r))
}

/// Solves `a · x = b` for square `a` by LU with partial pivoting (LAPACK `getrf` + `getrs`).
/// - Throws: ``LearnError/singularMatrix(operation:detail:)`` when a pivot is exactly zero.
public func solve<S: LearnScalar>(_ a: Matrix<S>, _ b: Matrix<S>) throws -> Matrix<S> {
    try checkSquare(a, "solve")
    try checkFinite(a, "solve")
    try checkRightHandSide(b, rows: a.rows, "solve")
    if b.columns == 0 { return b }
    let n = try blasInt(a.rows, "solve")
    var lu = a.scalars // column-major view: aᵀ
    var x = b.transposed().scalars // column-major view: b
    var pivots = [Int32](repeating: 0, count: a.rows)
    let info = S.getrf(m: n, n: n, a: &lu, lda: n, ipiv: &pivots)
    if info > 0 {
        throw LearnError.singularMatrix(
            operation: "solve", detail: "U(\(info), \(info)) is exactly zero in the LU factorisation (getrf)")
    }
    try checkInfo(info, "getrf")
    try checkInfo(
        S.getrs(
            transpose: true, n: n, nrhs: try blasInt(b.columns, "solve"), a: lu, lda: n, ipiv: pivots, b: &x, ldb: n),
        "getrs")
    return Matrix(uncheckedRows: b.columns, columns: b.rows, scalars: x).transposed()
}

/// Solves `a · x = b` for a vector `b`.
public func solve<S: LearnScalar>(_ a: Matrix<S>, _ b: [S]) throws -> [S] {
    try solve(a, Matrix(column: b)).scalars
}

/// The lower-triangular Cholesky factor `L` with `a = L · Lᵀ` (LAPACK `potrf`), reading only
/// the lower triangle of `a`, as NumPy's `cholesky`.
/// - Throws: ``LearnError/notPositiveDefinite(operation:detail:)``.
public func cholesky<S: LearnScalar>(_ a: Matrix<S>) throws -> Matrix<S> {
    try checkSquare(a, "cholesky")
    try checkFinite(a, "cholesky")
    let n = a.rows
    var factor = a.scalars
    // Column-major 'U' of the buffer is the row-major lower triangle.
    let info = S.potrf(upper: true, n: try blasInt(n, "cholesky"), a: &factor, lda: Int32(max(1, n)))
    if info > 0 {
        throw LearnError.notPositiveDefinite(
            operation: "cholesky", detail: "the leading minor of order \(info) is not positive (potrf)")
    }
    try checkInfo(info, "potrf")
    for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { factor[i * n + j] = 0 } }
    return Matrix(uncheckedRows: n, columns: n, scalars: factor)
}

/// Solves `a · x = b` given the Cholesky factor `L` of `a` from ``cholesky(_:)`` (LAPACK `potrs`).
public func choleskySolve<S: LearnScalar>(factor: Matrix<S>, _ b: Matrix<S>) throws -> Matrix<S> {
    try checkSquare(factor, "choleskySolve")
    try checkRightHandSide(b, rows: factor.rows, "choleskySolve")
    if b.columns == 0 { return b }
    let n = try blasInt(factor.rows, "choleskySolve")
    var x = b.transposed().scalars
    // The row-major L buffer is the column-major upper factor U = Lᵀ.
    try checkInfo(
        S.potrs(
            upper: true, n: n, nrhs: try blasInt(b.columns, "choleskySolve"), a: factor.scalars, lda: n, b: &x, ldb: n),
        "potrs")
    return Matrix(uncheckedRows: b.columns, columns: b.rows, scalars: x).transposed()
}

/// Solves `a · x = b` for symmetric positive-definite `a` by Cholesky (`potrf` + `potrs`):
/// about twice as fast as ``solve(_:_:)-(Matrix<S>,Matrix<S>)``.
public func solvePositiveDefinite<S: LearnScalar>(_ a: Matrix<S>, _ b: Matrix<S>) throws -> Matrix<S> {
    try choleskySolve(factor: cholesky(a), b)
}

/// The minimum-norm least-squares solution of `a · x ≈ b` through a divide-and-conquer SVD
/// (LAPACK `gelsd`), as NumPy's `lstsq`. Singular values below `rcond · σ_max` count as zero;
/// the default `rcond` is `eps · max(m, n)`, NumPy's default.
public func leastSquares<S: LearnScalar>(_ a: Matrix<S>, _ b: Matrix<S>, rcond: S? = nil) throws
    -> LeastSquaresSolution<S>
{
    guard a.rows > 0 && a.columns > 0 else { throw LearnError.emptyInput(operation: "leastSquares") }
    try checkFinite(a, "leastSquares")
    try checkRightHandSide(b, rows: a.rows, "leastSquares")
    let (m, n, nrhs) = (a.rows, a.columns, b.columns)
    let ldb = max(m, n)
    var columnMajorA = a.transposed().scalars
    var columnMajorB = [S](repeating: 0, count: ldb * max(nrhs, 1))
    for j in 0..<nrhs { for i in 0..<m { columnMajorB[j * ldb + i] = b.scalars[i * nrhs + j] } }
    var singularValues = [S](repeating: 0, count: min(m, n))
    var rank: Int32 = 0
    let threshold = rcond ?? S.ulpOfOne * S(max(m, n))
    let info = S.gelsd(
        m: try blasInt(m, "leastSquares"), n: try blasInt(n, "leastSquares"),
        nrhs: try blasInt(max(nrhs, 1), "leastSquares"),
        a: &columnMajorA, lda: Int32(m), b: &columnMajorB, ldb: Int32(ldb), s: &singularValues, rcond: threshold,
        rank: &rank)
    if info > 0 {
        throw LearnError.lapackFailure(routine: "gelsd", info: Int(info), reason: "the SVD did not converge")
    }
    try checkInfo(info, "gelsd")
    var solution = [S](repeating: 0, count: n * nrhs)
    for i in 0..<n { for j in 0..<nrhs { solution[i * nrhs + j] = columnMajorB[j * ldb + i] } }
    var residuals: [S] = []
    if m > n && Int(rank) == n {
        residuals = (0..<nrhs).map { j in
            (n..<m).reduce(S.zero) { $0 + columnMajorB[j * ldb + $1] * columnMajorB[j * ldb + $1] }
        }
    }
    return LeastSquaresSolution(
        solution: Matrix(uncheckedRows: n, columns: nrhs, scalars: solution),
        residuals: residuals, rank: Int(rank), singularValues: singularValues)
}

/// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix (LAPACK `syevd`),
/// reading its lower triangle as NumPy's `eigh`. Eigenvectors are unique only up to sign.
public func eigh<S: LearnScalar>(_ a: Matrix<S>) throws -> SymmetricEigendecomposition<S> {
    try checkSquare(a, "eigh")
    try checkFinite(a, "eigh")
    let n = a.rows
    var vectors = a.scalars
    var values = [S](repeating: 0, count: n)
    // Column-major 'U' of the buffer is the row-major lower triangle.
    let info = S.syevd(
        computeVectors: true, upper: true, n: try blasInt(n, "eigh"), a: &vectors, lda: Int32(max(1, n)), w: &values)
    if info > 0 {
        throw LearnError.lapackFailure(
            routine: "syevd", info: Int(info), reason: "the eigenvalue algorithm did not converge")
    }
    try checkInfo(info, "syevd")
    // Column-major eigenvector columns are row-major rows: transpose to get them as columns.
    return SymmetricEigendecomposition(
        eigenvalues: values, eigenvectors: Matrix(uncheckedRows: n, columns: n, scalars: vectors).transposed())
}

/// The thin singular value decomposition `a = u · diag(s) · vt` (LAPACK `gesdd`), as NumPy's
/// `svd(a, full_matrices=False)`. Singular vectors are unique only up to sign.
public func svd<S: LearnScalar>(_ a: Matrix<S>) throws -> SingularValueDecomposition<S> {
    guard a.rows > 0 && a.columns > 0 else { throw LearnError.emptyInput(operation: "svd") }
    try checkFinite(a, "svd")
    let (m, n) = (a.rows, a.columns)
    let k = min(m, n)
    // The buffer is aᵀ (n × m) column-major. aᵀ = U' S V'ᵀ gives a = V' S U'ᵀ, and LAPACK's
    // column-major U' and V'ᵀ, read row-major, are exactly vt (k × n) and u (m × k).
    var buffer = a.scalars
    var s = [S](repeating: 0, count: k)
    var vt = [S](repeating: 0, count: k * n)
    var u = [S](repeating: 0, count: m * k)
    let info = S.gesdd(
        m: try blasInt(n, "svd"), n: try blasInt(m, "svd"), a: &buffer, lda: Int32(n), s: &s,
        u: &vt, ldu: Int32(n), vt: &u, ldvt: Int32(k))
    if info > 0 {
        throw LearnError.lapackFailure(routine: "gesdd", info: Int(info), reason: "the SVD did not converge")
    }
    try checkInfo(info, "gesdd")
    return SingularValueDecomposition(
        u: Matrix(uncheckedRows: m, columns: k, scalars: u), s: s,
        vt: Matrix(uncheckedRows: k, columns: n, scalars: vt))
}

/// The inverse of a square matrix (LAPACK `getrf` + `getri`).
/// - Throws: ``LearnError/singularMatrix(operation:detail:)`` when it has no inverse.
public func inverse<S: LearnScalar>(_ a: Matrix<S>) throws -> Matrix<S> {
    try checkSquare(a, "inverse")
    try checkFinite(a, "inverse")
    let n = a.rows
    if n == 0 { return a }
    let n32 = try blasInt(n, "inverse")
    var buffer = a.scalars // aᵀ column-major; (aᵀ)⁻¹ column-major is a⁻¹ row-major
    var pivots = [Int32](repeating: 0, count: n)
    let info = S.getrf(m: n32, n: n32, a: &buffer, lda: n32, ipiv: &pivots)
    if info > 0 {
        throw LearnError.singularMatrix(
            operation: "inverse", detail: "U(\(info), \(info)) is exactly zero in the LU factorisation (getrf)")
    }
    try checkInfo(info, "getrf")
    let inverseInfo = S.getri(n: n32, a: &buffer, lda: n32, ipiv: pivots)
    if inverseInfo > 0 {
        throw LearnError.singularMatrix(
            operation: "inverse", detail: "getri found U(\(inverseInfo), \(inverseInfo)) = 0")
    }
    try checkInfo(inverseInfo, "getri")
    return Matrix(uncheckedRows: n, columns: n, scalars: buffer)
}

/// The determinant, from an LU factorisation (LAPACK `getrf`); 0 for a singular matrix, 1 for 0 × 0.
///
/// For large matrices the product of pivots can overflow; use the log-determinant of a Cholesky
/// factor when that matters.
public func determinant<S: LearnScalar>(_ a: Matrix<S>) throws -> S {
    try checkSquare(a, "determinant")
    try checkFinite(a, "determinant")
    let n = a.rows
    if n == 0 { return 1 }
    let n32 = try blasInt(n, "determinant")
    var buffer = a.scalars // det(aᵀ) = det(a)
    var pivots = [Int32](repeating: 0, count: n)
    let info = S.getrf(m: n32, n: n32, a: &buffer, lda: n32, ipiv: &pivots)
    if info > 0 { return 0 }
    try checkInfo(info, "getrf")
    var result: S = 1
    for i in 0..<n {
        result *= buffer[i * n + i]
        if pivots[i] != Int32(i + 1) { result = -result }
    }
    return result
}

extension Matrix {
    /// The inverse (see ``inverse(_:)``).
    public func inverse() throws -> Matrix { try LearnCore.inverse(self) }

    /// The determinant (see ``determinant(_:)``).
    public func determinant() throws -> Scalar { try LearnCore.determinant(self) }

    /// `true` when every element is finite (no NaN, no infinity).
    public var isFinite: Bool {
        scalars.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { Scalar.allFiniteKernel($0, count: buffer.count) } ?? true
        }
    }
}

private func checkSquare<S: LearnScalar>(_ a: Matrix<S>, _ operation: String) throws {
    guard a.rows == a.columns else {
        throw LearnError.shapeMismatch(
            operation: operation, expected: "a square matrix", got: "\(a.rows) × \(a.columns)")
    }
}

private func checkFinite<S: LearnScalar>(_ a: Matrix<S>, _ operation: String) throws {
    guard a.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
}

/// A finite right-hand side `b` with one row per row of the system's matrix.
private func checkRightHandSide<S: LearnScalar>(_ b: Matrix<S>, rows: Int, _ operation: String) throws {
    try checkFinite(b, operation)
    guard b.rows == rows else {
        throw LearnError.shapeMismatch(
            operation: operation, expected: "b with \(rows) rows", got: "\(b.rows) × \(b.columns)")
    }
}

/// Turns a negative LAPACK `info` (an illegal argument: a bug in SwiftLearn, not in the input) into an error.
private func checkInfo(_ info: Int32, _ routine: String) throws {
    guard info == 0 else {
        throw LearnError.lapackFailure(
            routine: routine, info: Int(info),
            reason: info < 0 ? "argument \(-info) had an illegal value" : "the computation failed")
    }
}
