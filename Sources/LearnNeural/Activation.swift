import Foundation
import LearnCore

/// An elementwise (or, for softmax, row-wise) activation with Keras' names and defaults.
///
/// Forward and backward passes run in place over `rows × width` Float buffers, so a layer can keep
/// its activations in preallocated storage during training.
public enum Activation: Sendable, Equatable {
    /// `x` (Keras' `"linear"`).
    case linear
    /// `max(x, 0)`.
    case relu
    /// `1 / (1 + e^−x)`, stable for any `x`.
    case sigmoid
    /// Hyperbolic tangent.
    case tanh
    /// `e^{x_i} / Σ_j e^{x_j}` along each row, after subtracting the row maximum.
    case softmax
    /// `x` for `x ≥ 0`, `negativeSlope · x` below (Keras 3's default slope is 0.2).
    case leakyRelu(negativeSlope: Float = 0.2)
    /// `x` for `x > 0`, `alpha (e^x − 1)` below.
    case elu(alpha: Float = 1)
    /// `x Φ(x)` with the exact normal CDF (Keras' default `approximate=False`).
    case gelu

    /// Keras' default `LeakyReLU` (slope 0.2).
    public static var leakyRelu: Activation { .leakyRelu() }
    /// Keras' default `ELU` (alpha 1).
    public static var elu: Activation { .elu() }

    /// Keras' name (`"relu"`, `"leaky_relu"`, …), as written in `model_config`.
    public var kerasName: String {
        switch self {
        case .linear: return "linear"
        case .relu: return "relu"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softmax: return "softmax"
        case .leakyRelu: return "leaky_relu"
        case .elu: return "elu"
        case .gelu: return "gelu"
        }
    }

    /// Applies the activation in place to `rows × width` values.
    public func forward(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let count = rows &* width
        switch self {
        case .linear: return
        case .relu: Float.unaryKernel(.relu, input: values, out: values, count: count)
        case .sigmoid: Float.unaryKernel(.sigmoid, input: values, out: values, count: count)
        case .tanh: Float.unaryKernel(.tanh, input: values, out: values, count: count)
        case let .leakyRelu(slope): for i in 0..<count where values[i] < 0 { values[i] *= slope }
        case let .elu(alpha):
            for i in 0..<count where values[i] <= 0 { values[i] = alpha * Foundation.expm1(values[i]) }
        case .gelu:
            for i in 0..<count {
                let x = values[i]
                values[i] = 0.5 * x * (1 + Foundation.erf(x / Float(2).squareRoot()))
            }
        case .softmax:
            Float.softmaxKernel(input: values, outer: rows, length: width, inner: 1, out: values, logarithm: false)
        }
    }

    /// Whether ``backward(_:input:output:rows:width:)`` reads the pre-activation `input`; every other
    /// activation's derivative follows from its output (relu, leaky relu and elu from the output's sign), so
    /// layers need not keep the pre-activations.
    public var backwardNeedsInput: Bool { self == .gelu }

    /// Turns `gradient` (∂L/∂output) into ∂L/∂input in place, given the layer's `input` (pre-activation —
    /// read only when ``backwardNeedsInput``) and `output` (post-activation) values.
    public func backward(
        _ gradient: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>, output: UnsafePointer<Float>,
        rows: Int, width: Int
    ) {
        let count = rows &* width
        switch self {
        case .linear: return
        case .relu: for i in 0..<count { gradient[i] = output[i] > 0 ? gradient[i] : 0 } // a select, so it vectorises
        case .sigmoid: for i in 0..<count { gradient[i] *= output[i] * (1 - output[i]) }
        case .tanh: for i in 0..<count { gradient[i] *= 1 - output[i] * output[i] }
        case let .leakyRelu(slope): for i in 0..<count where !(output[i] > 0) { gradient[i] *= slope }
        case let .elu(alpha): for i in 0..<count where output[i] <= 0 { gradient[i] *= output[i] + alpha }
        case .gelu:
            let inverseRoot2 = 1 / Float(2).squareRoot(), inverseRoot2Pi = 1 / (2 * Float.pi).squareRoot()
            for i in 0..<count {
                let x = input[i]
                let cdf = 0.5 * (1 + Foundation.erf(x * inverseRoot2))
                gradient[i] *= cdf + x * inverseRoot2Pi * Foundation.exp(-0.5 * x * x)
            }
        case .softmax:
            for r in 0..<rows {
                let (g, y) = (gradient + r &* width, output + r &* width)
                var dot: Float = 0
                for j in 0..<width { dot += g[j] * y[j] }
                for j in 0..<width { g[j] = y[j] * (g[j] - dot) }
            }
        }
    }
}
