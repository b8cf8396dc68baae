import LearnCore

/// Input checks and centring shared by the least-squares regressors.
enum LeastSquaresInput {
    static func check(_ X: Matrix<Double>, _ y: [Double], _ sampleWeight: [Double]?, _ operation: String) throws {
        guard X.rows > 0 && X.columns > 0 else { throw LearnError.emptyInput(operation: operation) }
        guard X.rows == y.count else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "y with \(X.rows) values (one per row of X)", got: "\(y.count)")
        }
        guard X.isFinite && y.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: operation) }
        if let sampleWeight {
            guard sampleWeight.count == y.count else {
                throw LearnError.shapeMismatch(
                    operation: operation, expected: "\(y.count) sample weights", got: "\(sampleWeight.count)")
            }
            guard sampleWeight.allSatisfy({ $0.isFinite && $0 >= 0 }), sampleWeight.contains(where: { $0 > 0 }) else {
                throw LearnError.invalidParameter(
                    name: "sampleWeight", expected: "finite weights >= 0, not all zero", got: "other weights")
            }
        }
    }

    /// `(X − x̄) √w` and `(y − ȳ) √w` with weighted means (zero means without an intercept), as
    /// scikit-learn's `_preprocess_data` + `_rescale_data`.
    static func centred(_ X: Matrix<Double>, _ y: [Double], _ sampleWeight: [Double]?, fitIntercept: Bool) throws
        -> (X: Matrix<Double>, y: [Double], xMean: [Double], yMean: Double)
    {
        let weights = sampleWeight ?? [Double](repeating: 1, count: y.count)
        let total = weights.reduce(0, +)
        var xMean = [Double](repeating: 0, count: X.columns)
        var yMean = 0.0
        if fitIntercept {
            xMean = try matvec(X, weights, transpose: true).map { $0 / total }
            yMean = zip(y, weights).reduce(0.0) { $0 + $1.0 * $1.1 } / total
        }
        var centredX = try X - xMean
        var centredY = y.map { $0 - yMean }
        if sampleWeight != nil {
            let roots = weights.map { $0.squareRoot() }
            centredX = try centredX * Matrix(column: roots)
            centredY = zip(centredY, roots).map { $0 * $1 }
        }
        return (centredX, centredY, xMean, yMean)
    }

    /// Predictions `X w + b` after shape checks.
    static func predict(_ X: Matrix<Double>, coef: [Double]?, intercept: Double, _ type: String) throws -> [Double] {
        guard let coef else { throw LearnError.notFitted(type: type) }
        guard X.columns == coef.count else {
            throw LearnError.shapeMismatch(
                operation: "\(type).predict", expected: "\(coef.count) features (as in fit)", got: "\(X.columns)")
        }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: "\(type).predict") }
        return try matvec(X, coef).map { $0 + intercept }
    }
}

/// A linear regressor `X w + b` (``LinearRegression``, ``Ridge``, ``SGDRegressor``): one fitted weight per
/// feature and an intercept, predicted, saved and loaded the same way.
protocol LinearRegressor: Regressor {
    /// The weights (`coef_`), `nil` before `fit`.
    var coef: [Double]? { get set }
    /// The intercept (`intercept_`).
    var intercept: Double { get set }
}

extension LinearRegressor {
    /// `X w + b`.
    public func predict(_ X: Matrix<Double>) throws -> [Double] {
        try LeastSquaresInput.predict(X, coef: coef, intercept: intercept, Self.estimatorName)
    }
}
