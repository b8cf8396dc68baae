// Pairwise distances through BLAS, for the neighbour, clustering and kernel families.

/// The Euclidean distances between the rows of `X` and the rows of `Y` (scikit-learn's
/// `euclidean_distances`): `D[i, j] = ‖xᵢ − yⱼ‖`, or its square with `squared`.
///
/// Computed as scikit-learn does, through one matrix product: `‖x‖² + ‖y‖² − 2 x·y`, clamped at 0
/// because cancellation can leave a tiny negative where two rows are (nearly) equal. The price of the
/// speed is accuracy for close pairs: the error is about `ε · (‖x‖² + ‖y‖²)`, not `ε · ‖x − y‖²`.
/// Without `Y` the distances are between the rows of `X`, and the diagonal is exactly 0, as in
/// scikit-learn. `Float` input is computed in `Float` (scikit-learn upcasts `float32` in chunks).
///
/// ```swift
/// let X = try Matrix<Double>([[0, 1], [1, 1]])
/// let D = try euclideanDistances(X, try Matrix([[0, 0]]))   // [[1], [1.4142135623730951]]
/// let S = try euclideanDistances(X, squared: true)          // [[0, 1], [1, 0]]
/// ```
///
/// - Complexity: one `gemm` of `2 · n · m · d` operations plus `O((n + m) · d)` for the norms.
/// - Throws: ``LearnError/shapeMismatch(operation:expected:got:)`` when the column counts differ;
///   ``LearnError/resourceLimit(operation:needed:limit:)`` when the `n × m` result exceeds the array limit.
public func euclideanDistances<S: LearnScalar>(_ X: Matrix<S>, _ Y: Matrix<S>? = nil, squared: Bool = false)
    throws -> Matrix<S>
{
    let operation = "euclideanDistances"
    let other = Y ?? X
    guard X.columns == other.columns else {
        throw LearnError.shapeMismatch(
            operation: operation, expected: "Y with \(X.columns) columns, as X", got: "\(other.columns)")
    }
    let (n, m) = (X.rows, other.rows)
    try Shape.checkArray([n, m], scalarSize: MemoryLayout<S>.stride, operation: operation)
    var distances = try Matrix<S>(rows: n, columns: m, repeating: 0)
    guard n > 0, m > 0 else { return distances }
    // −2 X Yᵀ first, then the norms are added in place.
    try gemm(alpha: -2, X, other, transposeB: true, beta: 0, into: &distances)
    let xNorms = try rowSquaredNorms(X)
    let yNorms = Y == nil ? xNorms : try rowSquaredNorms(other)
    distances.scalars.withUnsafeMutableBufferPointer { d in
        for i in 0..<n {
            let row = d.baseAddress! + i &* m
            let xNorm = xNorms[i]
            for j in 0..<m {
                let value = row[j] + xNorm + yNorms[j]
                row[j] = value > 0 || value.isNaN ? value : 0 // clamp the cancellation, keep NaN
            }
            if Y == nil { row[i] = 0 }
        }
        if !squared { S.unaryKernel(.sqrt, input: d.baseAddress!, out: d.baseAddress!, count: n &* m) }
    }
    return distances
}

/// `‖xᵢ‖²` for every row of `X` (BLAS `dot` of each row with itself).
///
/// ```swift
/// try rowSquaredNorms(try Matrix<Double>([[3, 4], [1, 0]]))   // [25, 1]
/// ```
public func rowSquaredNorms<S: LearnScalar>(_ X: Matrix<S>) throws -> [S] {
    let d = try blasInt(X.columns, "rowSquaredNorms")
    guard X.columns > 0 else { return [S](repeating: 0, count: X.rows) }
    return X.scalars.withUnsafeBufferPointer { x in
        (0..<X.rows).map { i in
            let row = x.baseAddress! + i &* X.columns
            return S.dot(n: d, x: row, incx: 1, y: row, incy: 1)
        }
    }
}
