import Foundation
import LearnCore

/// The hidden layers' activation in scikit-learn's names.
public enum MLPActivation: String, Sendable, CaseIterable {
    /// `f(x) = x`.
    case identity
    /// The sigmoid.
    case logistic
    /// Hyperbolic tangent.
    case tanh
    /// `max(x, 0)`.
    case relu

    /// The engine's activation.
    var activation: Activation {
        switch self {
        case .identity: return .linear
        case .logistic: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        }
    }
}

/// The weight optimiser (scikit-learn's `solver`; `lbfgs` is not offered).
public enum MLPSolver: String, Sendable, CaseIterable {
    /// Adam (scikit-learn's default).
    case adam
    /// Stochastic gradient descent with momentum, constant learning rate.
    case sgd
}

/// The hyper-parameters ``MLPClassifier`` and ``MLPRegressor`` share — scikit-learn's
/// `BaseMultilayerPerceptron` with its defaults — and their `get_params`/`set_params`.
public protocol MultilayerPerceptron: Estimator {
    /// Units of each hidden layer (`[100]`).
    var hiddenLayerSizes: [Int] { get set }
    /// The hidden layers' activation (`relu`).
    var activation: MLPActivation { get set }
    /// The optimiser (`adam`).
    var solver: MLPSolver { get set }
    /// L2 penalty strength: the loss gains `alpha / 2 · Σ‖W‖² / batch` (`1e-4`).
    var alpha: Double { get set }
    /// Rows per mini-batch; `nil` is scikit-learn's `"auto"`, `min(200, nSamples)`.
    var batchSize: Int? { get set }
    /// The step size (`0.001`).
    var learningRateInit: Double { get set }
    /// Epochs at most (`200`).
    var maxIter: Int { get set }
    /// Shuffle the rows every epoch (`true`).
    var shuffle: Bool { get set }
    /// Seeds the initial weights, the shuffles and the early-stopping split (`nil` = system entropy).
    var randomState: Int? { get set }
    /// The improvement that counts (`1e-4`).
    var tol: Double { get set }
    /// SGD momentum (`0.9`).
    var momentum: Double { get set }
    /// Use Nesterov momentum with SGD (`true`).
    var nesterovsMomentum: Bool { get set }
    /// Hold out `validationFraction` of the rows and stop when their score stops improving (`false`).
    var earlyStopping: Bool { get set }
    /// The held-out fraction for early stopping (`0.1`).
    var validationFraction: Double { get set }
    /// Adam's first-moment decay (`0.9`).
    var beta1: Double { get set }
    /// Adam's second-moment decay (`0.999`).
    var beta2: Double { get set }
    /// Adam's stability constant (`1e-8`).
    var epsilon: Double { get set }
    /// Epochs without a `tol` improvement before stopping (`10`).
    var nIterNoChange: Int { get set }
    /// The trained network (`nil` before `fit`).
    var network: Sequential? { get }
    /// What the last `fit` recorded (`nil` before `fit`).
    var trainingLog: MLPTrainingLog? { get }
}

extension MultilayerPerceptron {
    /// Every hyper-parameter by name (scikit-learn's `get_params`).
    public var parameters: [String: ParameterValue] {
        [
            "hiddenLayerSizes": .doubles(hiddenLayerSizes.map(Double.init)), "activation": .string(activation.rawValue),
            "solver": .string(solver.rawValue), "alpha": .double(alpha),
            "batchSize": batchSize.map { .int($0) } ?? .string("auto"),
            "learningRateInit": .double(learningRateInit), "maxIter": .int(maxIter), "shuffle": .bool(shuffle),
            "randomState": randomState.map { .int($0) } ?? .none, "tol": .double(tol), "momentum": .double(momentum),
            "nesterovsMomentum": .bool(nesterovsMomentum), "earlyStopping": .bool(earlyStopping),
            "validationFraction": .double(validationFraction), "beta1": .double(beta1), "beta2": .double(beta2),
            "epsilon": .double(epsilon), "nIterNoChange": .int(nIterNoChange)
        ]
    }

    /// Sets one hyper-parameter by name (scikit-learn's `set_params`).
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "hiddenLayerSizes":
            switch value {
            case let .int(n): hiddenLayerSizes = [try Shape.integer(Double(n), in: Self.layerSizeRange, name: name)]
            case let .doubles(sizes) where !sizes.isEmpty:
                hiddenLayerSizes = try sizes.map { try Shape.integer($0, in: Self.layerSizeRange, name: name) }
            default:
                throw LearnError.invalidParameter(
                    name: name, expected: "layer sizes such as 100 or 64,32", got: value.description)
            }
        case "activation":
            guard let parsed = MLPActivation(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(
                    name: name, expected: "identity, logistic, tanh or relu", got: value.description)
            }
            activation = parsed
        case "solver":
            guard let parsed = MLPSolver(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(name: name, expected: "adam or sgd", got: value.description)
            }
            solver = parsed
        case "alpha": alpha = try value.double(name)
        case "batchSize": batchSize = value == .string("auto") || value == .none ? nil : try value.int(name)
        case "learningRateInit": learningRateInit = try value.double(name)
        case "maxIter": maxIter = try value.int(name)
        case "shuffle": shuffle = try value.bool(name)
        case "randomState": randomState = value == .none ? nil : try value.int(name)
        case "tol": tol = try value.double(name)
        case "momentum": momentum = try value.double(name)
        case "nesterovsMomentum": nesterovsMomentum = try value.bool(name)
        case "earlyStopping": earlyStopping = try value.bool(name)
        case "validationFraction": validationFraction = try value.double(name)
        case "beta1": beta1 = try value.double(name)
        case "beta2": beta2 = try value.double(name)
        case "epsilon": epsilon = try value.double(name)
        case "nIterNoChange": nIterNoChange = try value.int(name)
        default: throw unknownParameter(name)
        }
    }

    /// Units a layer may have: the matrix products take `Int32` sizes.
    static var layerSizeRange: ClosedRange<Int> { 1...Int(Int32.max) }

    /// Checks that every layer's kernel `[fanIn, fanOut]` for `inputs` features and `outputs` outputs fits the
    /// array limit before any weight is allocated.
    func checkLayerSizes(inputs: Int, outputs: Int) throws -> [Int] {
        let sizes = [inputs] + hiddenLayerSizes + [outputs]
        for (index, (fanIn, fanOut)) in zip(sizes, sizes.dropFirst()).enumerated() {
            let operation = "\(Self.estimatorName) layer \(index) weights"
            try Shape.checkArray([fanIn, fanOut], scalarSize: MemoryLayout<Float>.size, operation: operation)
        }
        return sizes
    }

    /// The settings' ranges, checked before training.
    func validateSettings() throws {
        func bad(_ name: String, _ expected: String, _ got: Any) -> LearnError {
            LearnError.invalidParameter(name: name, expected: expected, got: "\(got)")
        }
        guard !hiddenLayerSizes.isEmpty, hiddenLayerSizes.allSatisfy(Self.layerSizeRange.contains) else {
            throw bad("hiddenLayerSizes", "sizes of at least 1", hiddenLayerSizes)
        }
        guard alpha >= 0 && alpha.isFinite else { throw bad("alpha", "a non-negative number", alpha) }
        guard batchSize.map({ $0 >= 1 }) ?? true else { throw bad("batchSize", "at least 1 (or auto)", batchSize ?? 0) }
        guard learningRateInit > 0 && learningRateInit.isFinite else {
            throw bad("learningRateInit", "a positive number", learningRateInit)
        }
        guard maxIter >= 1 else { throw bad("maxIter", "at least 1", maxIter) }
        guard tol >= 0 else { throw bad("tol", "a non-negative number", tol) }
        guard momentum >= 0 && momentum <= 1 else { throw bad("momentum", "a number in [0, 1]", momentum) }
        guard validationFraction > 0 && validationFraction < 1 else {
            throw bad("validationFraction", "a fraction in (0, 1)", validationFraction)
        }
        guard beta1 >= 0 && beta1 < 1, beta2 >= 0 && beta2 < 1 else {
            throw bad("beta1/beta2", "numbers in [0, 1)", "\(beta1), \(beta2)")
        }
        guard epsilon > 0 else { throw bad("epsilon", "a positive number", epsilon) }
        guard nIterNoChange >= 1 else { throw bad("nIterNoChange", "at least 1", nIterNoChange) }
    }
}
