import Foundation
import LearnCore

/// A multilayer-perceptron regressor, scikit-learn's `MLPRegressor`, trained on the network engine:
/// hidden `Dense` layers, a linear output, squared loss `mean((y − p)²) / 2` with an L2 penalty, Adam or
/// SGD. See ``MultilayerPerceptron`` for the hyper-parameters.
public struct MLPRegressor: Regressor, MultilayerPerceptron {
    /// `"MLPRegressor"`.
    public static let estimatorName = "MLPRegressor"
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
    /// Stop on the held-out R².
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
    /// The trained network (after `fit`): save it with ``Sequential/save(to:includeOptimizer:)`` for Keras.
    public internal(set) var network: Sequential?
    /// Epochs, losses and validation scores of the last `fit`.
    public internal(set) var trainingLog: MLPTrainingLog?

    /// A regressor with scikit-learn's defaults.
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

    /// Trains on real-valued targets.
    /// - Throws: `LearnError` for empty, non-finite or mismatched data, or bad settings.
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double]) throws {
        try MLPData.check(X, count: y.count, "MLPRegressor.fit")
        guard y.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "MLPRegressor.fit") }
        let problem = MLPProblem(
            targets: y.map(Float.init), outputs: 1, outputActivation: .linear, loss: .meanSquaredError, lossScale: 0.5,
            strata: nil,
            score: { network, rows in
                let predicted = try network.predict(try X.rows(at: rows), batchSize: 256).scalars
                let truth = rows.map { y[$0] }
                let mean = truth.reduce(0, +) / Double(truth.count)
                let residual = zip(truth, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                let total = truth.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) }
                return total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total
            })
        (network, trainingLog) = try trainPerceptron(X, problem)
    }

    /// The predicted value of each row.
    /// - Throws: `LearnError/notFitted(type:)` before `fit`; shape or non-finite errors.
    public func predict(_ X: Matrix<Double>) throws -> [Double] {
        try MLPData.output(of: network, X, Self.estimatorName).scalars
    }
}
