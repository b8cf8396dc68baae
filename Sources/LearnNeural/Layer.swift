import LearnCore

/// A layer of a ``Sequential`` network, Keras-style: built on first use from its input shape, then run
/// forward and backward over whole batches in buffers the network preallocates.
///
/// Parameters and their gradients live in the network's single contiguous buffers; each layer sees its
/// own slice (`parameterCount` values, in Keras' weight order). `scratch` is per-layer workspace the
/// network allocates once (``scratchCount(batch:)`` values): pre-activations, dropout masks, ….
public protocol Layer: Sendable {
    /// Keras' layer name (`dense`, `dense_1`, `dropout`, …), assigned by the network when empty.
    var name: String { get set }
    /// The Keras class name (`Dense`, `Dropout`).
    var kerasClassName: String { get }
    /// Fixes the input shape (per sample) and returns the output shape.
    mutating func build(inputShape: [Int]) throws -> [Int]
    /// Trainable values after `build`.
    var parameterCount: Int { get }
    /// Workspace values needed for a batch of `batch` samples.
    func scratchCount(batch: Int) -> Int
    /// Keras' initial values for the parameter slice.
    func initializeParameters(_ parameters: UnsafeMutablePointer<Float>, using rng: inout RandomState)
    /// `output = f(input)` for `batch` samples.
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int, parameters: UnsafePointer<Float>,
                 scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState)
    /// Given ∂L/∂output (which it may overwrite), accumulates ∂L/∂parameters and, when asked, writes ∂L/∂input.
    func backward(_ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
                  parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>)
    /// The layer's entry in Keras' `model_config` (`class_name` and `config`).
    var kerasConfig: [String: ParameterValue] { get }
}
