import Foundation
import LearnCore

/// A multilayer-perceptron classifier, scikit-learn's `MLPClassifier`, trained on the network engine:
/// hidden `Dense` layers, a sigmoid output for two classes or softmax for more, log loss with an L2
/// penalty, Adam or SGD. See ``MultilayerPerceptron`` for the hyper-parameters.
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// <!-- doctest: given let (xTrain, yTrain, xTest, yTest) = (X, y, X, y) -->
/// ```swift
/// var clf = MLPClassifier(hiddenLayerSizes: [64, 32], maxIter: 300, randomState: 0)
/// try clf.fit(xTrain, yTrain)
/// let accuracy = try clf.score(xTest, yTest)
/// ```
public struct MLPClassifier: Classifier, MultilayerPerceptron {
    /// `"MLPClassifier"`.
    public static let estimatorName = "MLPClassifier"
    /// Units of each hidden layer.
    public var hiddenLayerSizes: [Int]
    /// The hidden layers' activation.
    public var activation: MLPActivation
    /// The optimiser.
    public var solver: MLPSolver
    /// L2 penalty strength.
    public var alpha: Double
    /// Rows per mini-batch (`nil` = `min(200, nSamples)`).
    public var batchSize: Int?
    /// The step size.
    public var learningRateInit: Double
    /// Epochs at most.
    public var maxIter: Int
    /// Shuffle every epoch.
    public var shuffle: Bool
    /// Seeds initialisation, shuffles and the early-stopping split.
    public var randomState: Int?
    /// The improvement that counts.
    public var tol: Double
    /// SGD momentum.
    public var momentum: Double
    /// Nesterov momentum with SGD.
    public var nesterovsMomentum: Bool
    /// Stop on the held-out accuracy.
    public var earlyStopping: Bool
    /// The held-out fraction for early stopping.
    public var validationFraction: Double
    /// Adam's first-moment decay.
    public var beta1: Double
    /// Adam's second-moment decay.
    public var beta2: Double
    /// Adam's stability constant.
    public var epsilon: Double
    /// Epochs without improvement before stopping.
    public var nIterNoChange: Int
    /// The class labels, sorted (after `fit`).
    public internal(set) var classes: [Int] = []
    /// The trained network (after `fit`): save it with ``Sequential/save(to:includeOptimizer:)`` for Keras.
    public internal(set) var network: Sequential?
    /// Epochs, losses and validation scores of the last `fit`.
    public internal(set) var trainingLog: MLPTrainingLog?

    /// A classifier with scikit-learn's defaults.
    public init(
        hiddenLayerSizes: [Int] = [100], activation: MLPActivation = .relu, solver: MLPSolver = .adam,
        alpha: Double = 1e-4,
        batchSize: Int? = nil, learningRateInit: Double = 1e-3, maxIter: Int = 200, shuffle: Bool = true,
        randomState: Int? = nil,
        tol: Double = 1e-4, momentum: Double = 0.9, nesterovsMomentum: Bool = true, earlyStopping: Bool = false,
        validationFraction: Double = 0.1, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        nIterNoChange: Int = 10
    ) {
        (self.hiddenLayerSizes, self.activation, self.solver, self.alpha, self.batchSize) = (
            hiddenLayerSizes, activation, solver, alpha, batchSize
        )
        (self.learningRateInit, self.maxIter, self.shuffle, self.randomState, self.tol) = (
            learningRateInit, maxIter, shuffle, randomState, tol
        )
        (self.momentum, self.nesterovsMomentum, self.earlyStopping, self.validationFraction) = (
            momentum, nesterovsMomentum, earlyStopping, validationFraction
        )
        (self.beta1, self.beta2, self.epsilon, self.nIterNoChange) = (beta1, beta2, epsilon, nIterNoChange)
    }

    /// Trains on integer labels (two or more classes).
    /// - Throws: `LearnError` for empty, non-finite or mismatched data, one class, or bad settings.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Int]) throws {
        try MLPData.check(X, count: y.count, "MLPClassifier.fit")
        let labels = Array(Set(y)).sorted()
        guard labels.count >= 2 else {
            throw LearnError.invalidParameter(
                name: "y", expected: "samples of at least 2 classes",
                got: "only one class: \(labels.first.map(String.init) ?? "none")")
        }
        let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let indices = y.map { code[$0] ?? 0 }
        let binary = labels.count == 2
        let problem = MLPProblem(
            targets: indices.map(Float.init), outputs: binary ? 1 : labels.count,
            outputActivation: binary ? .sigmoid : .softmax,
            loss: binary ? .binaryCrossentropy : .sparseCategoricalCrossentropy, lossScale: 1, strata: indices,
            score: { network, rows in
                let predicted = try Self.classIndices(try network.predict(try X.rows(at: rows), batchSize: 256))
                return Double(zip(rows, predicted).filter { indices[$0] == $1 }.count) / Double(rows.count)
            })
        (network, trainingLog) = try trainPerceptron(X, problem)
        classes = labels
    }

    /// Class probabilities, one column per class in ``classes`` order.
    /// - Throws: `LearnError/notFitted(type:)` before `fit`; shape or non-finite errors.
    public func predictProba(_ X: Matrix<Double>) throws -> Matrix<Double> {
        let output = try MLPData.output(of: network, X, Self.estimatorName)
        guard output.columns == 1 else { return output }
        return try Matrix(rows: output.rows, columns: 2, scalars: output.scalars.flatMap { [1 - $0, $0] })
    }

    /// The most probable class of each row.
    public func predict(_ X: Matrix<Double>) throws -> [Int] {
        try Self.classIndices(try MLPData.output(of: network, X, Self.estimatorName)).map { classes[$0] }
    }

    /// Log-probabilities (scikit-learn's `predict_log_proba`).
    public func predictLogProba(_ X: Matrix<Double>) throws -> Matrix<Double> {
        let probabilities = try predictProba(X)
        return try Matrix(
            rows: probabilities.rows, columns: probabilities.columns,
            scalars: probabilities.scalars.map { Foundation.log($0) })
    }

    /// Column of the largest output (the first on ties, as NumPy); threshold 0.5 for one sigmoid output.
    static func classIndices(_ output: Matrix<Double>) throws -> [Int] {
        guard output.columns > 1 else { return output.scalars.map { $0 > 0.5 ? 1 : 0 } }
        return try output.argmax(axis: 1)
    }
}
