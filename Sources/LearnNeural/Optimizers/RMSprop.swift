import Foundation
import LearnCore

/// RMSprop with Keras' defaults (`learningRate` 0.001, `rho` 0.9, `momentum` 0, `epsilon` 1e-7, not
/// centered) and Keras' update: `v = ρ v + (1 − ρ) g²`, `Δ = lr · g / √(v + ε)` (centered: `√(v − ḡ² + ε)`
/// with `ḡ = ρ ḡ + (1 − ρ) g`); with momentum `μ`, `s = μ s + Δ` and `w −= s`, else `w −= Δ`.
public struct RMSprop: Optimizer, Equatable {
    /// The step size.
    public var learningRate: Double
    /// Decay of the squared-gradient average.
    public var rho: Double
    /// Momentum μ (0 = none).
    public var momentum: Double
    /// Added under the square root.
    public var epsilon: Double
    /// Normalise by the gradient's variance rather than its second moment.
    public var centered: Bool
    /// Decoupled weight decay (`nil` = none).
    public var weightDecay: Double?
    /// Parts of weight names weight decay skips (``excludeFromWeightDecay(varNames:)``).
    public var weightDecayExclusions: [String] = []
    /// Steps taken.
    public var iterations = 0
    private var velocity: [Float] = [], moment: [Float] = [], averageGradient: [Float] = []

    /// `RMSprop(learningRate: 0.001)`.
    public init(
        learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
        centered: Bool = false,
        weightDecay: Double? = nil
    ) {
        (self.learningRate, self.rho, self.momentum, self.epsilon, self.centered) = (
            learningRate, rho, momentum, epsilon, centered
        )
        self.weightDecay = weightDecay
    }

    /// `"RMSprop"`.
    public static let kerasClass = "RMSprop"
    /// `"rm_sprop"` (Keras' snake case of the class name).
    public var kerasName: String { "rm_sprop" }
    /// `velocity`, then `momentum` (with momentum), then `average_gradient` (centered).
    public var slotGroups: [[String]] {
        [["velocity"]] + (momentum > 0 ? [["momentum"]] : []) + (centered ? [["average_gradient"]] : [])
    }

    /// `velocity`, `momentum`, `average_gradient`.
    public func slot(_ name: String) -> [Float]? {
        switch name {
        case "velocity": return velocity
        case "momentum" where momentum > 0: return moment
        case "average_gradient" where centered: return averageGradient
        default: return nil
        }
    }

    /// Replaces `velocity`, `momentum` or `average_gradient`.
    public mutating func setSlot(_ name: String, to values: [Float]) throws {
        switch name {
        case "velocity": try replace(&velocity, named: name, with: values)
        case "momentum" where momentum > 0: try replace(&moment, named: name, with: values)
        case "average_gradient" where centered: try replace(&averageGradient, named: name, with: values)
        default: throw unknownSlot(name)
        }
    }

    /// Zeroed state for `count` parameters.
    public mutating func prepare(parameterCount count: Int) {
        let zeros = [Float](repeating: 0, count: count)
        (velocity, moment, averageGradient, iterations) = (zeros, momentum > 0 ? zeros : [], centered ? zeros : [], 0)
    }

    /// One RMSprop step over the whole buffer.
    public mutating func update(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int
    ) {
        if velocity.count != count { prepare(parameterCount: count) }
        let (lr, r, mu, eps) = (Float(learningRate), Float(rho), Float(momentum), Float(epsilon))
        let (useMomentum, isCentered) = (momentum > 0, centered)
        velocity.withUnsafeMutableBufferPointer { v in
            moment.withUnsafeMutableBufferPointer { s in
                averageGradient.withUnsafeMutableBufferPointer { a in
                    for i in 0..<count {
                        let g = gradients[i]
                        v[i] = r * v[i] + (1 - r) * g * g
                        var denominator = v[i] + eps
                        if isCentered {
                            a[i] = r * a[i] + (1 - r) * g
                            denominator = v[i] - a[i] * a[i] + eps
                        }
                        let increment = lr * g / denominator.squareRoot()
                        if useMomentum {
                            s[i] = mu * s[i] + increment
                            parameters[i] -= s[i]
                        } else {
                            parameters[i] -= increment
                        }
                    }
                }
            }
        }
    }

    /// `rho`, `momentum`, `epsilon`, `centered`.
    public var kerasConfig: [String: Any] {
        ["rho": rho, "momentum": momentum, "epsilon": epsilon, "centered": centered]
    }
}

extension RMSprop: KerasOptimizer {
    /// The optimizer a Keras `optimizer_config` describes (Keras' defaults for absent settings).
    public static func fromKeras(_ settings: [String: Any]) -> RMSprop {
        let (rate, decay, value) = kerasCommon(settings)
        return RMSprop(
            learningRate: rate ?? 0.001, rho: value("rho", 0.9), momentum: value("momentum", 0),
            epsilon: value("epsilon", 1e-7), centered: settings["centered"] as? Bool ?? false, weightDecay: decay)
    }
}
