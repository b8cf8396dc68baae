import Foundation
import LearnCore

/// Builds the layer list of ``Sequential`` from a closure: `Sequential { Dense(8); Dropout(0.5) }`.
///
/// Besides plain layers, the body may hold `if`, `if let`, `if`/`else`, `switch`, `for` loops and arrays
/// of layers:
///
/// <!-- doctest: given let useDropout = true -->
/// ```swift
/// let widths = [128, 64]
/// let net = Sequential {
///     for width in widths { Dense(width, activation: .relu) }
///     if useDropout { Dropout(0.5) }
///     Dense(1, activation: .sigmoid)
/// }
/// ```
@resultBuilder
public enum LayerBuilder {
    /// Collects the parts in order.
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    /// One layer.
    public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
    /// An array of layers, in order.
    public static func buildExpression(_ layers: [any Layer]) -> [any Layer] { layers }
    /// An `if` without `else`, or an `if let`: its layers when it holds, none otherwise.
    public static func buildOptional(_ layers: [any Layer]?) -> [any Layer] { layers ?? [] }
    /// The `if` branch of an `if`/`else` (or a `switch` case).
    public static func buildEither(first layers: [any Layer]) -> [any Layer] { layers }
    /// The `else` branch of an `if`/`else` (or a `switch` case).
    public static func buildEither(second layers: [any Layer]) -> [any Layer] { layers }
    /// A `for` loop: each iteration's layers, in order.
    public static func buildArray(_ iterations: [[any Layer]]) -> [any Layer] { iterations.flatMap { $0 } }
    /// `if #available` bodies.
    public static func buildLimitedAvailability(_ layers: [any Layer]) -> [any Layer] { layers }
}

/// A stack of layers trained end to end, Keras' `Sequential`. Layers are built on the first `fit` or
/// `predict` from the data's width; all parameters then live in one contiguous `Float` buffer (and
/// their gradients in another), so an optimizer step is one pass over memory.
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// <!-- doctest: given let (xTrain, yTrain, xTest, yTest) = (X, y, X, y) -->
/// ```swift
/// var net = Sequential {
///     Dense(64, activation: .relu)
///     Dropout(0.5)
///     Dense(1, activation: .sigmoid)
/// }
/// net.compile(optimizer: Adam(learningRate: 0.001), loss: .binaryCrossentropy, metrics: [.accuracy])
/// let history = try net.fit(xTrain, yTrain, epochs: 10, batchSize: 32, validationSplit: 0.2)
/// ```
public struct Sequential: GraphNetwork {
    /// The layers, in order.
    public internal(set) var layers: [any Layer]
    /// All trainable parameters, layer after layer, each in Keras' weight order.
    public internal(set) var parameters: [Float] = []
    /// Where each layer's parameters start in ``parameters``.
    var offsets: [Int] = []
    /// Non-trainable state (BatchNormalization's moving statistics), layer after layer.
    public internal(set) var states: [Float] = []
    /// Where each layer's state starts in ``states``.
    var stateOffsets: [Int] = []
    /// The sizes of ``parameters`` and ``states`` that ``layOut(inputShape:)`` computed.
    var laidOut = (parameters: 0, states: 0)
    /// The input width the network was built for.
    public internal(set) var inputShape: [Int]?
    /// The chain the layers form, compiled by ``layOut(inputShape:)``.
    private var plan: ExecutionPlan?
    /// The optimizer, loss and metrics set by ``compile(optimizer:loss:metrics:)``.
    var optimizer: (any Optimizer)?
    /// The training loss.
    public internal(set) var loss: Loss?
    /// The reported metrics.
    public internal(set) var metrics: [Metric] = []
    /// The layers ``setTrainable(_:layers:)`` froze.
    var frozenLayers: Set<String> = []
    /// The stream behind weight initialisation, dropout and shuffling.
    var rng: RandomState
    /// Why `randomState` could not seed ``rng`` (a negative seed, or one above 2^32 − 1): the first build
    /// throws it, so an invalid seed is an error rather than a silently unseeded network.
    private var seedError: LearnError?

    /// A network of the layers `content` lists; `randomState` seeds initialisation, dropout and
    /// shuffling (`nil` = system entropy). A seed outside `0...2^32 − 1` makes the first `fit`, `predict`
    /// or `build` throw `LearnError.invalidParameter` naming `randomState`.
    public init(randomState: Int? = nil, @LayerBuilder _ content: () -> [any Layer]) {
        layers = content()
        do {
            rng = try RandomState.from(randomState)
        } catch {
            rng = RandomState()
            seedError =
                error as? LearnError
                ?? .invalidParameter(
                    name: "randomState", expected: "a seed in 0...4294967295", got: "\(randomState ?? 0)")
        }
        nameLayers()
    }

    /// A network of the given layers (for code that assembles the list itself).
    public init(randomState: Int? = nil, layers: [any Layer]) {
        self.init(randomState: randomState) { Dense(1) }
        self.layers = layers
        nameLayers()
    }

    /// Chooses the optimizer, loss and metrics (Keras' `compile`).
    public mutating func compile(optimizer: some Optimizer, loss: Loss, metrics: [Metric] = []) {
        var prepared = optimizer
        prepared.prepare(parameterCount: trainableParameterCount)
        self.optimizer = prepared
        self.loss = loss
        self.metrics = metrics
    }

    /// Keras' automatic names: `dense`, `dense_1`, `dropout`, … per class, in order, skipping names
    /// already taken (by a named layer, or the layers before an `add`).
    mutating func nameLayers() {
        var taken = Set(layers.map(\.name))
        var counts: [String: Int] = [:]
        for index in layers.indices where layers[index].name.isEmpty {
            let base = Self.snakeCase(layers[index].kerasClassName)
            var n = counts[base, default: 0]
            while taken.contains(n == 0 ? base : "\(base)_\(n)") { n += 1 }
            counts[base] = n + 1
            layers[index].name = n == 0 ? base : "\(base)_\(n)"
            taken.insert(layers[index].name)
        }
    }

    /// Keras' `to_snake_case`: `MaxPooling2D` → `max_pooling2d`, `Conv2D` → `conv2d`.
    static func snakeCase(_ name: String) -> String {
        func substitute(_ text: String, _ pattern: String) -> String {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
            return expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1_$2")
        }
        return substitute(substitute(name, "(.)([A-Z][a-z]+)"), "([a-z])([A-Z])").lowercased()
    }

    /// Builds every layer for samples of `shape` (one sample's shape, without the batch axis) and initialises
    /// the parameters (Keras' glorot/zeros), as Keras' `model.build`; `fit` and `predict` do it themselves on
    /// first use. Building again re-initialises.
    ///
    /// ```swift
    /// var net = Sequential(randomState: 0) { Dense(8, activation: .relu); Dense(1) }
    /// try net.build(inputShape: [20])
    /// print(try net.summary())
    /// ```
    /// - Throws: `LearnError` when the layers do not fit `shape`, a size exceeds the array limit, or the
    ///   network's `randomState` is not a valid seed.
    public mutating func build(inputShape shape: [Int]) throws {
        try layOut(inputShape: shape)
        allocateWeights()
    }

    /// Builds every layer for samples of `shape` and places its weights in the flat buffers, every size
    /// checked — without allocating them, so that a loader can check a file's weights first.
    mutating func layOut(inputShape shape: [Int]) throws {
        if let seedError { throw seedError }
        var current = shape
        var shapes = [shape]
        var (total, stateTotal) = (0, 0)
        (offsets, stateOffsets) = ([], [])
        try Shape.checkArray(shape, scalarSize: MemoryLayout<Float>.size, operation: "Sequential input")
        for index in layers.indices {
            current = try layers[index].build(inputShape: current)
            offsets.append(total)
            stateOffsets.append(stateTotal)
            (total, stateTotal) = try WeightLayout.totals(
                after: layers[index], (total, stateTotal), owner: "Sequential")
            let operation = "\(layers[index].kerasClassName) \(layers[index].name) output"
            try Shape.checkArray(current, scalarSize: MemoryLayout<Float>.size, operation: operation)
            shapes.append(current)
        }
        plan = .chain(shapes: shapes)
        laidOut = (total, stateTotal)
        (parameters, states) = ([], [])
        inputShape = shape
    }

    /// Allocates the weights ``layOut(inputShape:)`` placed, initialised as Keras does.
    mutating func allocateWeights() {
        (parameters, states) = WeightLayout.initialValues(
            layers, offsets: offsets, stateOffsets: stateOffsets, counts: laidOut, using: &rng)
        let count = trainableParameterCount
        optimizer?.prepare(parameterCount: count)
    }

    /// Shapes of the activations (per sample): the input, then each layer's output.
    func activationShapes() throws -> [[Int]] { try executionPlan().shapes }

    /// The chain of layers, compiled when the network was built.
    func executionPlan() throws -> ExecutionPlan {
        guard let plan else { throw LearnError.notFitted(type: "Sequential") }
        return plan
    }

    /// Widths of the activations: the input, then each layer's output.
    func activationWidths() throws -> [Int] { try activationShapes().map { $0.reduce(1, *) } }
}
