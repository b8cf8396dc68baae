import Foundation
import LearnCore

/// Stochastic gradient descent with Keras' defaults (`learningRate` 0.01) and optional (Nesterov) momentum:
/// `v = μ v − lr g`, then `w += v` (or `w += μ v − lr g` with Nesterov).
public struct SGD: Optimizer, Equatable {
    /// The step size.
    public var learningRate: Double
    /// Momentum μ in [0, 1).
    public var momentum: Double
    /// Use Nesterov momentum.
    public var nesterov: Bool
    /// Decoupled weight decay (`nil` = none).
    public var weightDecay: Double?
    /// Parts of weight names weight decay skips (``excludeFromWeightDecay(varNames:)``).
    public var weightDecayExclusions: [String] = []
    /// Steps taken.
    public var iterations = 0
    private var velocity: [Float] = []

    /// `SGD(learningRate: 0.01, momentum: 0.9)`.
    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double? = nil) {
        (self.learningRate, self.momentum, self.nesterov, self.weightDecay) = (
            learningRate, momentum, nesterov, weightDecay
        )
    }

    /// `"SGD"`.
    public static let kerasClass = "SGD"
    /// `"sgd"`.
    public var kerasName: String { "sgd" }
    /// `momentum` per variable, only with momentum.
    public var slotGroups: [[String]] { momentum != 0 ? [["momentum"]] : [] }

    /// The `momentum` slot (the velocity `v`).
    public func slot(_ name: String) -> [Float]? { name == "momentum" && momentum != 0 ? velocity : nil }

    /// Replaces the `momentum` slot.
    public mutating func setSlot(_ name: String, to values: [Float]) throws {
        guard name == "momentum" && momentum != 0 else { throw unknownSlot(name) }
        try replace(&velocity, named: name, with: values)
    }

    /// Zeroed velocity for `count` parameters.
    public mutating func prepare(parameterCount count: Int) {
        (velocity, iterations) = (momentum != 0 ? [Float](repeating: 0, count: count) : [], 0)
    }

    /// One step over the whole buffer.
    public mutating func update(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int
    ) {
        let (lr, mu) = (Float(learningRate), Float(momentum))
        guard momentum != 0 else {
            Float.axpy(n: count, alpha: -lr, x: gradients, y: parameters)
            return
        }
        if velocity.count != count { velocity = [Float](repeating: 0, count: count) }
        let nesterov = self.nesterov
        velocity.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                v[i] = mu * v[i] - lr * gradients[i]
                parameters[i] += nesterov ? mu * v[i] - lr * gradients[i] : v[i]
            }
        }
    }

    /// `momentum`, `nesterov`.
    public var kerasConfig: [String: Any] { ["momentum": momentum, "nesterov": nesterov] }
}

extension SGD: KerasOptimizer {
    /// The optimizer a Keras `optimizer_config` describes (Keras' defaults for absent settings).
    public static func fromKeras(_ settings: [String: Any]) -> SGD {
        let (rate, decay, value) = kerasCommon(settings)
        return SGD(
            learningRate: rate ?? 0.01, momentum: value("momentum", 0),
            nesterov: settings["nesterov"] as? Bool ?? false,
            weightDecay: decay)
    }
}
