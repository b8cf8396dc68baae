import LearnCore

/// A layer that takes a list of tensors — the merge layers (``Add``, ``Concatenate``, …) — called as
/// `Add()([a, b])` in a ``Model``. It runs over the same preallocated buffers as every layer; the
/// single-input requirements of ``Layer`` have defaults that refuse a single input.
public protocol MultiInputLayer: Layer {
    /// Fixes the per-sample input shapes and returns the output shape; throws when they do not fit.
    mutating func build(inputShapes: [[Int]]) throws -> [Int]
    /// `output = f(inputs…)` for `batch` samples.
    func forward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>, state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        training: Bool, rng: inout RandomState)
    /// Given ∂L/∂output (which it may overwrite), accumulates ∂L/∂parameters and writes ∂L/∂input `k`
    /// where `inputGradients[k]` is not `nil`.
    func backward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafePointer<Float>,
        outputGradient: UnsafeMutablePointer<Float>, inputGradients: UnsafeBufferPointer<UnsafeMutablePointer<Float>?>,
        batch: Int, parameters: UnsafePointer<Float>, parameterGradients: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>)
}

extension MultiInputLayer {
    /// A list-taking layer cannot be called on one tensor.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        throw LearnError.shapeMismatch(
            operation: "\(kerasClassName) \(name)", expected: "a list of at least 2 inputs", got: "one input")
    }

    /// Unreachable: ``build(inputShape:)`` refuses a single input, so no network runs it this way.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {}

    /// Unreachable, as ``forward(_:_:batch:parameters:state:scratch:training:rng:)``.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {}
}
