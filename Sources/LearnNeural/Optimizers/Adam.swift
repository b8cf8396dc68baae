import Foundation
import LearnCore

/// Adam with Keras' defaults (`learningRate` 0.001, `beta1` 0.9, `beta2` 0.999, `epsilon` 1e-7) and Keras'
/// update: `w −= lr · √(1 − β2ᵗ) / (1 − β1ᵗ) · m / (√v + ε)`; `amsgrad` keeps the running maximum of `v`.
public struct Adam: Optimizer, Equatable {
    /// The step size.
    public var learningRate: Double
    /// Decay of the first-moment estimate.
    public var beta1: Double
    /// Decay of the second-moment estimate.
    public var beta2: Double
    /// Added to `√v` for stability.
    public var epsilon: Double
    /// Use the maximum of past second moments (AMSGrad).
    public var amsgrad: Bool
    /// Decoupled weight decay (`nil` = none).
    public var weightDecay: Double?
    /// Steps taken.
    public var iterations = 0
    private var m: [Float] = [], v: [Float] = [], vMax: [Float] = []

    /// `Adam(learningRate: 0.001)`.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7, amsgrad: Bool = false,
                weightDecay: Double? = nil) {
        (self.learningRate, self.beta1, self.beta2, self.epsilon, self.amsgrad) = (learningRate, beta1, beta2, epsilon, amsgrad)
        self.weightDecay = weightDecay
    }

    /// `"Adam"`.
    public var kerasClassName: String { "Adam" }
    /// `"adam"`.
    public var kerasName: String { "adam" }
    /// `momentum` and `velocity` per variable, then `velocity_hat` with AMSGrad.
    public var slotGroups: [[String]] { [["momentum", "velocity"]] + (amsgrad ? [["velocity_hat"]] : []) }

    /// `momentum` (m), `velocity` (v), `velocity_hat` (max v).
    public func slot(_ name: String) -> [Float]? {
        switch name {
        case "momentum": return m
        case "velocity": return v
        case "velocity_hat" where amsgrad: return vMax
        default: return nil
        }
    }

    /// Replaces `momentum`, `velocity` or `velocity_hat`.
    public mutating func setSlot(_ name: String, to values: [Float]) throws {
        switch name {
        case "momentum": try replace(&m, named: name, with: values)
        case "velocity": try replace(&v, named: name, with: values)
        case "velocity_hat" where amsgrad: try replace(&vMax, named: name, with: values)
        default: throw unknownSlot(name)
        }
    }

    /// Zeroed moments for `count` parameters.
    public mutating func prepare(parameterCount count: Int) {
        (m, v, vMax, iterations) = ([Float](repeating: 0, count: count), [Float](repeating: 0, count: count),
                                    amsgrad ? [Float](repeating: 0, count: count) : [], 0)
    }

    /// One Adam step over the whole buffer.
    public mutating func update(_ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int) {
        if m.count != count { prepare(parameterCount: count) }
        let t = Double(step)
        let alpha = Float(learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let (b1, b2, eps) = (Float(beta1), Float(beta2), Float(epsilon))
        let useMax = amsgrad
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                vMax.withUnsafeMutableBufferPointer { vMax in
                    for i in 0..<count {
                        let g = gradients[i]
                        m[i] += (g - m[i]) * (1 - b1)
                        v[i] += (g * g - v[i]) * (1 - b2)
                        var second = v[i]
                        if useMax { vMax[i] = Swift.max(vMax[i], v[i]); second = vMax[i] }
                        parameters[i] -= alpha * m[i] / (second.squareRoot() + eps)
                    }
                }
            }
        }
    }

    /// `beta_1`, `beta_2`, `epsilon`, `amsgrad`.
    public var kerasConfig: [String: Any] { ["beta_1": beta1, "beta_2": beta2, "epsilon": epsilon, "amsgrad": amsgrad] }
}
