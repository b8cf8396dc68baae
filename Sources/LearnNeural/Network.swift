import LearnCore

/// What every network — ``Sequential`` and ``Model`` — offers the code that trains, inspects or saves it:
/// callbacks receive their network as `some Network`, so one callback serves both.
///
/// ```swift
/// func describe(_ network: some Network) -> String {
///     network.layers.map(\.name).joined(separator: " → ") + " (\(network.parameterCount) parameters)"
/// }
/// var net = Sequential(randomState: 0) { Dense(4, activation: .relu); Dense(1) }
/// try net.build(inputShape: [3])
/// print(describe(net))
/// ```
/// <!-- doctest: output -->
/// ```text
/// dense → dense_1 (21 parameters)
/// ```
public protocol Network: Sendable {
    /// The distinct layers (a shared layer appears once).
    var layers: [any Layer] { get }
    /// All trainable parameters, layer after layer, each in Keras' weight order.
    var parameters: [Float] { get }
    /// Non-trainable state (BatchNormalization's moving statistics), layer after layer.
    var states: [Float] { get }
    /// Trainable parameters in total (Keras' `count_params`).
    var parameterCount: Int { get }
    /// The optimizer's learning rate, `nil` before `compile`; setting it changes the rate of the next step
    /// (``ReduceLROnPlateau`` does).
    var learningRate: Double? { get set }
    /// Restarts the stream behind batch shuffling and dropout from `seed` (NumPy's `RandomState(seed)`).
    mutating func reseed(_ seed: Int) throws
    /// Each layer's weights as Keras' `get_weights()` lists them.
    func getWeights() throws -> [Tensor<Float>]
    /// Replaces the weights with tensors shaped as ``getWeights()`` returns them (Keras' `set_weights`).
    mutating func setWeights(_ weights: [Tensor<Float>]) throws
    /// The layer called `name` (Keras' `get_layer`), or `nil`.
    func layer(named name: String) -> (any Layer)?
    /// Every weight's name, `layer/weight`, in the order of ``getWeights()``.
    func weightNames() -> [String]
    /// The weight called `name` (`dense/kernel`) in Keras' shape.
    func weight(named name: String) throws -> Tensor<Float>
    /// Replaces the weight called `name`.
    mutating func setWeight(named name: String, to value: Tensor<Float>) throws
    /// Freezes (`false`) or unfreezes the layers named `names`, or all of them (Keras' `trainable`).
    mutating func setTrainable(_ trainable: Bool, layers names: [String]?) throws
    /// Whether training updates layer `name`'s weights.
    func isTrainable(layer name: String) -> Bool
    /// The parameters training updates.
    var trainableParameterCount: Int { get }
    /// Saves the network as a Keras legacy `.h5` file (with the optimizer's state when `includeOptimizer`).
    func save(to path: String, includeOptimizer: Bool) throws
    /// Saves only the weights, as Keras' `save_weights` writes them to `.h5`.
    func saveWeights(to path: String) throws
}

extension GraphNetwork {
    /// Trainable parameters in total (Keras' `count_params`).
    public var parameterCount: Int { parameters.count }

    /// The layer called `name` (Keras' `get_layer`), or `nil`.
    public func layer(named name: String) -> (any Layer)? { layers.first { $0.name == name } }

    /// Restarts the random stream behind batch shuffling and dropout from `seed` (NumPy's
    /// `RandomState(seed)`), as a network built with `randomState: seed` starts: a network loaded from a
    /// file trains reproducibly with the seed the caller chooses (`swiftlearn train --seed`).
    /// - Throws: `LearnError.invalidParameter` for a seed outside 0 ..< 2^32.
    public mutating func reseed(_ seed: Int) throws { rng = try RandomState.from(seed) }

    /// The optimizer's learning rate (`nil` before `compile`); callbacks such as ``ReduceLROnPlateau``
    /// change it between epochs.
    public var learningRate: Double? {
        get { optimizer?.learningRate }
        set { if let newValue { optimizer?.learningRate = newValue } }
    }
}
extension Sequential: Network {}
