import LearnCore

/// Ordinary least squares, as scikit-learn's `LinearRegression`: centre (with an intercept), then the
/// minimum-norm solution of `min ‖X w − y‖` by LAPACK's SVD-based `gelsd`.
public struct LinearRegression: LinearRegressor, Equatable {
    /// `"LinearRegression"`.
    public static let estimatorName = "LinearRegression"

    /// Fit an intercept (the data are centred first).
    public var fitIntercept: Bool

    /// The weights, one per feature (`coef_`).
    public internal(set) var coef: [Double]?
    /// The intercept (`intercept_`); 0 without `fitIntercept`.
    public internal(set) var intercept = 0.0
    /// The rank of the centred design matrix (`rank_`).
    public internal(set) var rank = 0
    /// Its singular values (`singular_`).
    public internal(set) var singularValues: [Double] = []

    /// Creates an unfitted model.
    public init(fitIntercept: Bool = true) { self.fitIntercept = fitIntercept }

    /// `fitIntercept` by name.
    public var parameters: [String: ParameterValue] { ["fitIntercept": .bool(fitIntercept)] }

    /// Sets `fitIntercept` by name.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        guard name == "fitIntercept" else { throw unknownParameter(name) }
        fitIntercept = try value.bool(name)
    }

    /// Fits by least squares.
    /// - Throws: `LearnError` for empty, non-finite or mismatched input.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double]) throws { try fit(X, y, sampleWeight: nil) }

    /// ``fit(_:_:)`` with per-sample weights (weighted least squares).
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double], sampleWeight: [Double]?) throws {
        try LeastSquaresInput.check(X, y, sampleWeight, "LinearRegression.fit")
        let data = try LeastSquaresInput.centred(X, y, sampleWeight, fitIntercept: fitIntercept)
        let solution = try leastSquares(data.X, Matrix(column: data.y))
        let weights = solution.solution.scalars
        coef = weights
        intercept = fitIntercept ? data.yMean - zip(data.xMean, weights).reduce(0.0) { $0 + $1.0 * $1.1 } : 0
        rank = solution.rank
        singularValues = solution.singularValues
    }
}
