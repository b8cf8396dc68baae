import Foundation
import LearnCore

/// A gradient-descent rule that updates a network's contiguous parameter buffer in one pass.
public protocol Optimizer: Sendable {
    /// The step size.
    var learningRate: Double { get set }
    /// Keras' class name (`Adam`, `SGD`).
    var kerasClassName: String { get }
    /// Sizes the optimizer's state for `count` parameters (state is reset).
    mutating func prepare(parameterCount count: Int)
    /// One update of all `count` parameters from their gradients.
    mutating func step(_ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int)
}

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
    /// Steps taken.
    public private(set) var iterations = 0
    private var m: [Float] = [], v: [Float] = [], vMax: [Float] = []

    /// `Adam(learningRate: 0.001)`.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7, amsgrad: Bool = false) {
        (self.learningRate, self.beta1, self.beta2, self.epsilon, self.amsgrad) = (learningRate, beta1, beta2, epsilon, amsgrad)
    }

    /// `"Adam"`.
    public var kerasClassName: String { "Adam" }

    /// Zeroed moments for `count` parameters.
    public mutating func prepare(parameterCount count: Int) {
        (m, v, vMax, iterations) = ([Float](repeating: 0, count: count), [Float](repeating: 0, count: count),
                                    amsgrad ? [Float](repeating: 0, count: count) : [], 0)
    }

    /// One Adam step over the whole buffer.
    public mutating func step(_ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int) {
        if m.count != count { prepare(parameterCount: count) }
        iterations += 1
        let t = Double(iterations)
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
}

/// Stochastic gradient descent with Keras' defaults (`learningRate` 0.01) and optional (Nesterov) momentum:
/// `v = μ v − lr g`, then `w += v` (or `w += μ v − lr g` with Nesterov).
public struct SGD: Optimizer, Equatable {
    /// The step size.
    public var learningRate: Double
    /// Momentum μ in [0, 1).
    public var momentum: Double
    /// Use Nesterov momentum.
    public var nesterov: Bool
    private var velocity: [Float] = []

    /// `SGD(learningRate: 0.01, momentum: 0.9)`.
    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        (self.learningRate, self.momentum, self.nesterov) = (learningRate, momentum, nesterov)
    }

    /// `"SGD"`.
    public var kerasClassName: String { "SGD" }

    /// Zeroed velocity for `count` parameters.
    public mutating func prepare(parameterCount count: Int) { velocity = [Float](repeating: 0, count: count) }

    /// One step over the whole buffer.
    public mutating func step(_ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int) {
        let (lr, mu) = (Float(learningRate), Float(momentum))
        guard momentum > 0 else {
            for i in 0..<count { parameters[i] -= lr * gradients[i] }
            return
        }
        if velocity.count != count { prepare(parameterCount: count) }
        let nesterov = self.nesterov
        velocity.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                v[i] = mu * v[i] - lr * gradients[i]
                parameters[i] += nesterov ? mu * v[i] - lr * gradients[i] : v[i]
            }
        }
    }
}
