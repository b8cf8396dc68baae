import Foundation
import LearnCore

extension LogisticRegression {
    /// Fits the model to `X` (one row per sample) and integer labels `y` (any values; two classes give
    /// a binary model, more a multinomial one).
    /// - Throws: `LearnError` for a single class, NaN/Inf in `X`, length mismatches, `C <= 0`,
    ///   `l1Ratio` outside [0, 1], an L1 part with a solver other than saga, bad weights.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Int]) throws {
        try fit(X, y, sampleWeight: nil)
    }

    /// ``fit(_:_:)`` with per-sample weights.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Int], sampleWeight: [Double]?) throws {
        try validateParameters()
        try validate(X, y, sampleWeight)
        let labels = Array(Set(y)).sorted()
        guard labels.count >= 2 else {
            throw LearnError.invalidParameter(
                name: "y", expected: "samples of at least 2 classes",
                got: "only one class: \(labels.first.map(String.init) ?? "none")")
        }
        var weights = sampleWeight
        if let classWeight {
            let factors = try classWeight.sampleFactors(y, classes: labels, sampleWeight: sampleWeight)
            weights = factors.indices.map { factors[$0] * (sampleWeight?[$0] ?? 1) }
        }
        let binary = labels.count == 2
        let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let targets = y.map { code[$0] ?? 0 }
        let weightSum = weights?.reduce(0, +) ?? Double(y.count)
        guard weightSum > 0 else {
            throw LearnError.invalidParameter(
                name: "sampleWeight", expected: "weights with a positive sum", got: "\(weightSum)")
        }
        let objective = LogisticObjective(
            X: X, targets: targets, weights: weights, weightSum: weightSum, nRows: binary ? 1 : labels.count,
            fitIntercept: fitIntercept, l2: C.isInfinite ? 0 : (1 - l1Ratio) / (C * weightSum))
        let start =
            warmStartParameters(objective, classes: labels) ?? [Double](repeating: 0, count: objective.parameterCount)
        let (theta, iterations, converged) = try solve(objective, from: start)
        nEvaluations = evaluationCount
        store(theta, objective: objective, classes: labels, iterations: iterations, converged: converged)
    }

    private mutating func solve(_ objective: LogisticObjective, from start: [Double]) throws -> (
        theta: [Double], iterations: Int, converged: Bool
    ) {
        evaluationCount = 0
        switch solver {
        case .lbfgs:
            let result = try LBFGS(gtol: tol, maxIterations: maxIter).minimize(
                { objective.valueAndGradient($0, &$1) }, from: start)
            evaluationCount = result.evaluations
            return (result.x, result.iterations, result.converged)
        case .newtonCholesky:
            return try NewtonCholesky(objective: objective, tol: tol, maxIterations: maxIter).minimize(from: start)
        case .saga:
            let n = Double(objective.X.rows)
            let strength = C.isInfinite ? 0 : 1 / (C * n)
            var rng = try RandomState.from(randomState)
            let result = try SAGA(
                objective: objective, alpha: strength * (1 - l1Ratio), beta: strength * l1Ratio, tol: tol,
                maxEpochs: maxIter
            ).minimize(from: start, using: &rng)
            return (result.theta, result.epochs, result.converged)
        }
    }

    private mutating func store(
        _ theta: [Double], objective: LogisticObjective, classes labels: [Int], iterations: Int, converged: Bool
    ) {
        let (rows, f, width) = (objective.nRows, objective.nFeatures, objective.width)
        classes = labels
        coef = try? Matrix(
            rows: rows, columns: f, scalars: (0..<rows).flatMap { theta[($0 * width)..<($0 * width + f)] })
        intercept = (0..<rows).map { fitIntercept ? theta[$0 * width + f] : 0 }
        nIter = iterations
        convergenceWarning = nil
        if !converged {
            let message =
                "LogisticRegression(solver: \(solver.rawValue)) did not converge in \(maxIter) iterations; "
                + "increase maxIter or scale the data (for example with StandardScaler)"
            convergenceWarning = message
            LearnWarning.emit(message)
        }
    }

    /// The previous coefficients as a starting point, when `warmStart` and the shapes agree.
    private func warmStartParameters(_ objective: LogisticObjective, classes labels: [Int]) -> [Double]? {
        guard warmStart, let coef, coef.rows == objective.nRows, coef.columns == objective.nFeatures, labels == classes
        else { return nil }
        return (0..<coef.rows).flatMap { k in
            Array(coef.scalars[(k * coef.columns)..<((k + 1) * coef.columns)]) + [intercept[k]]
        }
    }

    private func validateParameters() throws {
        guard C > 0 && !C.isNaN else {
            throw LearnError.invalidParameter(name: "C", expected: "a positive number (or .infinity)", got: "\(C)")
        }
        guard l1Ratio >= 0 && l1Ratio <= 1 else {
            throw LearnError.invalidParameter(name: "l1Ratio", expected: "a number in [0, 1]", got: "\(l1Ratio)")
        }
        guard tol > 0 && tol.isFinite else {
            throw LearnError.invalidParameter(name: "tol", expected: "a positive number", got: "\(tol)")
        }
        guard maxIter >= 1 else {
            throw LearnError.invalidParameter(name: "maxIter", expected: "at least 1", got: "\(maxIter)")
        }
        try classWeight?.validate()
        if solver != .saga && penalty != .l2 && penalty != .none {
            throw LearnError.invalidParameter(
                name: "solver",
                expected: "saga for the \(penalty.rawValue) penalty (\(solver.rawValue) supports only l2 or none)",
                got: solver.rawValue)
        }
    }

    private func validate(_ X: Matrix<Double>, _ y: [Int], _ sampleWeight: [Double]?) throws {
        guard X.rows > 0 && X.columns > 0 else { throw LearnError.emptyInput(operation: "LogisticRegression.fit") }
        guard X.rows == y.count else {
            throw LearnError.shapeMismatch(
                operation: "LogisticRegression.fit", expected: "y with \(X.rows) labels (one per row of X)",
                got: "\(y.count)")
        }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: "LogisticRegression.fit") }
        if let sampleWeight {
            guard sampleWeight.count == y.count else {
                throw LearnError.shapeMismatch(
                    operation: "LogisticRegression.fit", expected: "\(y.count) sample weights",
                    got: "\(sampleWeight.count)")
            }
            guard sampleWeight.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw LearnError.invalidParameter(
                    name: "sampleWeight", expected: "finite weights >= 0", got: "a negative or non-finite weight")
            }
        }
    }
}
