import LearnCore

/// The linear-algebra route ``Ridge`` takes.
public enum RidgeSolver: String, Sendable, CaseIterable {
    /// Cholesky unless the problem needs otherwise (scikit-learn's `auto` for dense data).
    case auto
    /// Normal equations `(XᵀX + αI) w = Xᵀy` (or the dual when features outnumber samples), by `potrf`/`potrs`.
    case cholesky
    /// The SVD of `X`: `w = V diag(s / (s² + α)) Uᵀ y`, stable for ill-conditioned data.
    case svd
}

/// Least squares with an L2 penalty `α ‖w‖²`, as scikit-learn's `Ridge`.
public struct Ridge: LinearRegressor, Equatable {
    /// `"Ridge"`.
    public static let estimatorName = "Ridge"

    /// Penalty strength (≥ 0).
    public var alpha: Double
    /// Fit an intercept (unpenalised; the data are centred first).
    public var fitIntercept: Bool
    /// The linear-algebra route.
    public var solver: RidgeSolver

    /// The weights (`coef_`).
    public internal(set) var coef: [Double]?
    /// The intercept (`intercept_`).
    public internal(set) var intercept = 0.0

    /// Creates an unfitted model.
    public init(alpha: Double = 1.0, fitIntercept: Bool = true, solver: RidgeSolver = .auto) {
        (self.alpha, self.fitIntercept, self.solver) = (alpha, fitIntercept, solver)
    }

    /// `alpha`, `fitIntercept` and `solver` by name.
    public var parameters: [String: ParameterValue] {
        ["alpha": .double(alpha), "fitIntercept": .bool(fitIntercept), "solver": .string(solver.rawValue)]
    }

    /// Sets a hyper-parameter by name.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "alpha": alpha = try value.double(name)
        case "fitIntercept": fitIntercept = try value.bool(name)
        case "solver":
            guard let parsed = RidgeSolver(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(name: name, expected: "auto, cholesky or svd", got: value.description)
            }
            solver = parsed
        default: throw unknownParameter(name)
        }
    }

    /// Fits the penalised least-squares problem.
    /// - Throws: `LearnError` for `alpha < 0`, empty, non-finite or mismatched input.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double]) throws { try fit(X, y, sampleWeight: nil) }

    /// ``fit(_:_:)`` with per-sample weights.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double], sampleWeight: [Double]?) throws {
        guard alpha >= 0 && alpha.isFinite else {
            throw LearnError.invalidParameter(name: "alpha", expected: "a number >= 0", got: "\(alpha)")
        }
        try LeastSquaresInput.check(X, y, sampleWeight, "Ridge.fit")
        let data = try LeastSquaresInput.centred(X, y, sampleWeight, fitIntercept: fitIntercept)
        let weights = solver == .svd ? try svdSolve(data.X, data.y) : try choleskySolve(data.X, data.y)
        coef = weights
        intercept = fitIntercept ? data.yMean - zip(data.xMean, weights).reduce(0.0) { $0 + $1.0 * $1.1 } : 0
    }

    /// `(XᵀX + αI) w = Xᵀy`, or with more features than samples `w = Xᵀ (XXᵀ + αI)⁻¹ y`.
    private func choleskySolve(_ X: Matrix<Double>, _ y: [Double]) throws -> [Double] {
        let target = Matrix(column: y)
        if X.columns > X.rows {
            var kernel = try matmul(X, X, transposeB: true)
            for i in 0..<kernel.rows { kernel[i, i] += alpha }
            return try matmul(X, try solvePositiveDefinite(kernel, target), transposeA: true).scalars
        }
        var gram = try matmul(X, X, transposeA: true)
        for i in 0..<gram.rows { gram[i, i] += alpha }
        return try solvePositiveDefinite(gram, try matmul(X, target, transposeA: true)).scalars
    }

    /// `V diag(s / (s² + α)) Uᵀ y`, dropping singular values below 1e-15 as scikit-learn does.
    private func svdSolve(_ X: Matrix<Double>, _ y: [Double]) throws -> [Double] {
        let decomposition = try svd(X)
        let uty = try matvec(decomposition.u, y, transpose: true)
        let scaled = zip(decomposition.s, uty).map { s, value in s > 1e-15 ? s / (s * s + alpha) * value : 0 }
        return try matvec(decomposition.vt, scaled, transpose: true)
    }
}
