import LearnCore

/// scikit-learn's `NearestCentroid` (Euclidean), small enough to mirror exactly: a test double for
/// cross-validation against `cross_val_score(NearestCentroid(), …)`.
struct NearestCentroidDouble: Classifier {
    static let estimatorName = "NearestCentroid"
    var parameters: [String: ParameterValue] { [:] }
    mutating func setParameter(_ name: String, _ value: ParameterValue) throws { throw unknownParameter(name) }

    private(set) var classes: [Int] = []
    private var centroids = [[Double]]()

    mutating func fit(_ X: Matrix<Double>, _ y: [Int]) throws {
        classes = Array(Set(y)).sorted()
        centroids = try classes.map { label in
            try X.rows(at: y.indices.filter { y[$0] == label }).mean(axis: 0)
        }
    }

    func predict(_ X: Matrix<Double>) throws -> [Int] {
        try (0..<X.rows).map { i in
            let row = try X.row(i)
            let distances = centroids.map { c in zip(row, c).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            return classes[distances.indices.min { distances[$0] < distances[$1] } ?? 0]
        }
    }

    func predictProba(_ X: Matrix<Double>) throws -> Matrix<Double> {
        let labels = try predict(X)
        return try Matrix(
            rows: X.rows, columns: classes.count,
            scalars: labels.flatMap { label in classes.map { $0 == label ? 1.0 : 0.0 } })
    }
}

/// Ordinary least squares with an intercept, as scikit-learn's `LinearRegression` computes it
/// (centre, `gelsd`, intercept from the means): a test double for regression cross-validation.
struct LinearRegressionDouble: Regressor {
    static let estimatorName = "LinearRegression"
    var parameters: [String: ParameterValue] { [:] }
    mutating func setParameter(_ name: String, _ value: ParameterValue) throws { throw unknownParameter(name) }

    private var coefficients: [Double] = []
    private var intercept = 0.0

    mutating func fit(_ X: Matrix<Double>, _ y: [Double]) throws {
        let xMean = try X.mean(axis: 0)
        let yMean = y.reduce(0, +) / Double(y.count)
        let solution = try leastSquares(try X - xMean, Matrix(column: y.map { $0 - yMean })).solution
        coefficients = solution.scalars
        intercept = yMean - zip(xMean, coefficients).reduce(0.0) { $0 + $1.0 * $1.1 }
    }

    func predict(_ X: Matrix<Double>) throws -> [Double] {
        try matvec(X, coefficients).map { $0 + intercept }
    }
}
