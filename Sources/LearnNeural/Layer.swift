import LearnCore

/// One weight variable of a layer as Keras names and shapes it (`kernel` `[inputs, units]`, `bias`,
/// `gamma`, `moving_mean`, …).
public struct LayerWeight: Sendable, Equatable {
    /// Keras' variable name within the layer.
    public var name: String
    /// Keras' shape.
    public var shape: [Int]
    /// Whether the optimizer updates it (`moving_mean` and `moving_variance` are not trainable).
    public var trainable: Bool

    /// A weight description.
    public init(_ name: String, shape: [Int], trainable: Bool = true) {
        (self.name, self.shape, self.trainable) = (name, shape, trainable)
    }

    /// Values it holds.
    public var count: Int { shape.reduce(1, *) }
}

/// A layer of a ``Sequential`` network, Keras-style: built on first use from its input shape, then run
/// forward and backward over whole batches in buffers the network preallocates.
///
/// Trainable parameters and their gradients live in the network's single contiguous buffers; each layer
/// sees its own slice (its trainable ``weights``, in Keras' order). Non-trainable state (BatchNormalization's
/// moving statistics) lives in a second buffer the optimizer never touches. `scratch` is per-layer
/// workspace the network allocates once (``scratchCount(batch:)`` values): pre-activations, masks, ….
public protocol Layer: Sendable {
    /// Keras' layer name (`dense`, `dense_1`, `dropout`, …), assigned by the network when empty.
    var name: String { get set }
    /// Which instance this is: copies share it, so one layer called at several nodes of a ``Model`` is one
    /// weight set (declare it `public let identity = LayerIdentity()`).
    var identity: LayerIdentity { get }
    /// The Keras class name (`Dense`, `Dropout`).
    var kerasClassName: String { get }
    /// Fixes the input shape (per sample) and returns the output shape.
    mutating func build(inputShape: [Int]) throws -> [Int]
    /// The weights after `build`, in Keras' order: trainable ones first, then non-trainable state.
    var weights: [LayerWeight] { get }
    /// Workspace values needed for a batch of `batch` samples.
    func scratchCount(batch: Int) -> Int
    /// Keras' initial values for the trainable slice and the state slice.
    func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState)
    /// `output = f(input)` for `batch` samples; in training a layer may update its state.
    func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    )
    /// Given ∂L/∂output (which it may overwrite), accumulates ∂L/∂parameters and, when asked, writes ∂L/∂input.
    func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>)
    /// The regularisation penalty this layer adds to the loss; when `gradients` is given, adds its
    /// gradient there. Layers without regularisers return 0.
    func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float
    /// The layer's own keys in Keras' `model_config` entry (the network adds `name`, `trainable`, `dtype`).
    var kerasConfig: [String: Any] { get }
    /// Whether the layer runs in inference mode while frozen, even in training (BatchNormalization, as in
    /// Keras); `false` by default.
    var infersWhenFrozen: Bool { get }
    /// Checks the network's data when this is the first layer (``Embedding``: token ids in range); most
    /// layers accept any finite values.
    func checkInput(_ x: Matrix<Double>) throws
}

extension Layer {
    /// Layers other than BatchNormalization behave the same frozen or not.
    public var infersWhenFrozen: Bool { false }

    /// Trainable values after `build`.
    public var parameterCount: Int { weights.filter(\.trainable).reduce(0) { $0 + $1.count } }
    /// Non-trainable values after `build`.
    public var stateCount: Int { weights.filter { !$0.trainable }.reduce(0) { $0 + $1.count } }
    /// No scratch by default.
    public func scratchCount(batch: Int) -> Int { 0 }
    /// Nothing to initialise by default.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {}
    /// Any finite values by default.
    public func checkInput(_ x: Matrix<Double>) throws {}
    /// No regularisers by default.
    public func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float { 0 }
}
