/// Anything with hyper-parameters: scikit-learn's `BaseEstimator`. Every SwiftLearn estimator,
/// transformer and network conforms, so cross-validation, the CLI and persistence can treat them alike.
///
/// Hyper-parameters are also plain `var` properties (`model.tol = 1e-10`); ``parameters`` and
/// ``setParameter(_:_:)`` are the by-name view of the same values (scikit-learn's `get_params` /
/// `set_params`), keyed by the Swift property name.
public protocol Estimator: Sendable {
    /// The type's name as users know it (`"StandardScaler"`, `"LogisticRegression"`).
    static var estimatorName: String { get }
    /// Every hyper-parameter by name (scikit-learn's `get_params()`).
    var parameters: [String: ParameterValue] { get }
    /// Sets one hyper-parameter by name (scikit-learn's `set_params`).
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for an unknown name or a bad value.
    mutating func setParameter(_ name: String, _ value: ParameterValue) throws
}

extension Estimator {
    /// Sets several hyper-parameters by name, in key order.
    public mutating func setParameters(_ values: [String: ParameterValue]) throws {
        for key in values.keys.sorted() { try setParameter(key, values[key] ?? .none) }
    }

    /// The error for a name that is not one of ``parameters``' keys.
    public func unknownParameter(_ name: String) -> LearnError {
        LearnError.invalidParameter(
            name: name,
            expected: "one of \(Self.estimatorName)'s parameters (\(parameters.keys.sorted().joined(separator: ", ")))",
            got: "an unknown name")
    }
}

/// An estimator that learns a transformation of the features: scikit-learn's `TransformerMixin`.
public protocol Transformer: Estimator {
    /// Learns the transformation from `X`.
    mutating func fit(_ X: Matrix<Double>) throws
    /// Applies the learned transformation.
    func transform(_ X: Matrix<Double>) throws -> Matrix<Double>
}

extension Transformer {
    /// ``fit(_:)`` then ``transform(_:)`` on the same data.
    public mutating func fitTransform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        try fit(X)
        return try transform(X)
    }
}

/// A transformer that can map transformed data back.
public protocol InvertibleTransformer: Transformer {
    /// The inverse of ``Transformer/transform(_:)``.
    func inverseTransform(_ X: Matrix<Double>) throws -> Matrix<Double>
}

/// An estimator fitted on features and targets that predicts targets.
public protocol SupervisedEstimator: Estimator {
    /// The target type: `Int` class labels or `Double` values.
    associatedtype Target: Sendable & Equatable
    /// Learns from `X` (one row per sample) and `y` (one target per row).
    mutating func fit(_ X: Matrix<Double>, _ y: [Target]) throws
    /// One prediction per row of `X`.
    func predict(_ X: Matrix<Double>) throws -> [Target]
    /// The default metric on `(X, y)`: accuracy for classifiers, R² for regressors.
    func score(_ X: Matrix<Double>, _ y: [Target]) throws -> Double
}

extension SupervisedEstimator {
    /// `predict(X)`, checked to pair up with a non-empty `y` (shared by the default `score`s).
    func predictionsToScore(_ X: Matrix<Double>, _ y: [Target]) throws -> [Target] {
        let predicted = try predict(X)
        guard predicted.count == y.count else {
            throw LearnError.shapeMismatch(
                operation: "score", expected: "y with \(predicted.count) targets", got: "\(y.count)")
        }
        guard !y.isEmpty else { throw LearnError.emptyInput(operation: "score") }
        return predicted
    }
}

/// A classifier: integer class labels, class probabilities. scikit-learn's `ClassifierMixin`.
public protocol Classifier: SupervisedEstimator where Target == Int {
    /// The classes seen in `fit`, sorted (scikit-learn's `classes_`); the columns of ``predictProba(_:)``.
    var classes: [Int] { get }
    /// One row per sample, one probability column per class in ``classes`` order.
    func predictProba(_ X: Matrix<Double>) throws -> Matrix<Double>
}

extension Classifier {
    /// The fraction of rows whose prediction equals `y` (scikit-learn's `ClassifierMixin.score`).
    public func score(_ X: Matrix<Double>, _ y: [Int]) throws -> Double {
        let predicted = try predictionsToScore(X, y)
        return Double(zip(predicted, y).filter { $0 == $1 }.count) / Double(y.count)
    }
}

/// A regressor: real-valued targets. scikit-learn's `RegressorMixin`.
public protocol Regressor: SupervisedEstimator where Target == Double {}

extension Regressor {
    /// The coefficient of determination R² of the predictions (scikit-learn's `RegressorMixin.score`).
    public func score(_ X: Matrix<Double>, _ y: [Double]) throws -> Double {
        let predicted = try predictionsToScore(X, y)
        let mean = y.reduce(0, +) / Double(y.count)
        let residual = zip(y, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = y.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
        if total == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / total
    }
}
