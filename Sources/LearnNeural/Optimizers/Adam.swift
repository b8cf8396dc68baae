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
    /// Parts of weight names weight decay skips (``excludeFromWeightDecay(varNames:)``).
    public var weightDecayExclusions: [String] = []
    /// Steps taken.
    public var iterations = 0
    private var m: [Float] = [], v: [Float] = [], vMax: [Float] = []

    /// `Adam(learningRate: 0.001)`.
    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
        amsgrad: Bool = false,
        weightDecay: Double? = nil
    ) {
        (self.learningRate, self.beta1, self.beta2, self.epsilon, self.amsgrad) = (
            learningRate, beta1, beta2, epsilon, amsgrad
        )
        self.weightDecay = weightDecay
    }

    /// `"Adam"`.
    public static let kerasClass = "Adam"
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
        (m, v, vMax, iterations) = (
            [Float](repeating: 0, count: count), [Float](repeating: 0, count: count),
            amsgrad ? [Float](repeating: 0, count: count) : [], 0
        )
    }

    /// One Adam step over the whole buffer.
    public mutating func update(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int
    ) {
        if m.count != count { prepare(parameterCount: count) }
        let t = Double(step)
        let alpha = Float(learningRate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let (keep1, keep2, eps) = (Float(1 - beta1), Float(1 - beta2), Float(epsilon))
        // Two straight loops (with and without AMSGrad) so the compiler vectorises them.
        m.withUnsafeMutableBufferPointer { mBuffer in
            v.withUnsafeMutableBufferPointer { vBuffer in
                guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
                guard amsgrad else {
                    Self.plainStep(
                        parameters, gradients, m, v, count: count, alpha: alpha, keep1: keep1, keep2: keep2, eps: eps)
                    return
                }
                vMax.withUnsafeMutableBufferPointer { maxBuffer in
                    guard let vMax = maxBuffer.baseAddress else { return }
                    for i in 0..<count {
                        let g = gradients[i]
                        m[i] += (g - m[i]) * keep1
                        v[i] += (g * g - v[i]) * keep2
                        vMax[i] = Swift.max(vMax[i], v[i])
                        parameters[i] -= alpha * m[i] / (vMax[i].squareRoot() + eps)
                    }
                }
            }
        }
    }

    /// The Adam step without AMSGrad. Optimised builds take eight values at a time: the scalar loop does
    /// not vectorise because `Float.squareRoot()` keeps a call to `sqrtf` for negative inputs (errno).
    /// Debug builds run the scalar loop instead — generic `SIMD8` code is ~100× slower unoptimised — so
    /// the tests (debug) check the scalar form and the accuracy suite (release) the vector form.
    private static func plainStep(
        _ parameters: UnsafeMutablePointer<Float>, _ gradients: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, count: Int, alpha: Float, keep1: Float, keep2: Float, eps: Float
    ) {
        var i = 0
        #if !DEBUG
            typealias Lanes = SIMD8<Float>
            while i + Lanes.scalarCount <= count {
                let g = UnsafeRawPointer(gradients + i).loadUnaligned(as: Lanes.self)
                var mi = UnsafeRawPointer(m + i).loadUnaligned(as: Lanes.self)
                var vi = UnsafeRawPointer(v + i).loadUnaligned(as: Lanes.self)
                let w = UnsafeRawPointer(parameters + i).loadUnaligned(as: Lanes.self)
                mi += (g - mi) * keep1
                vi += (g * g - vi) * keep2
                UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: Lanes.self)
                UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: Lanes.self)
                UnsafeMutableRawPointer(parameters + i).storeBytes(
                    of: w - alpha * mi / (vi.squareRoot() + eps), as: Lanes.self)
                i += Lanes.scalarCount
            }
        #endif
        while i < count {
            let g = gradients[i]
            m[i] += (g - m[i]) * keep1
            v[i] += (g * g - v[i]) * keep2
            parameters[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            i += 1
        }
    }

    /// `beta_1`, `beta_2`, `epsilon`, `amsgrad`.
    public var kerasConfig: [String: Any] { ["beta_1": beta1, "beta_2": beta2, "epsilon": epsilon, "amsgrad": amsgrad] }
}

extension Adam: KerasOptimizer {
    /// The optimizer a Keras `optimizer_config` describes (Keras' defaults for absent settings).
    public static func fromKeras(_ settings: [String: Any]) -> Adam {
        let (rate, decay, value) = kerasCommon(settings)
        return Adam(
            learningRate: rate ?? 0.001, beta1: value("beta_1", 0.9), beta2: value("beta_2", 0.999),
            epsilon: value("epsilon", 1e-7), amsgrad: settings["amsgrad"] as? Bool ?? false, weightDecay: decay)
    }
}
