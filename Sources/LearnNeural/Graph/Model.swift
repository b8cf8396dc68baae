import LearnCore

/// A network of layers wired as any directed acyclic graph, Keras' functional `Model`: residual
/// connections, several branches, several inputs and outputs, shared layers. It runs on the same engine
/// as ``Sequential`` (one flat parameter buffer, preallocated activations, nodes in topological order).
///
/// ```swift
/// let inputs = Input(shape: [20])
/// var x = Dense(64, activation: .relu)(inputs)
/// let skip = x
/// x = Dense(64, activation: .relu)(x)
/// x = Add()([x, skip])
/// let model = try Model(inputs: inputs, outputs: Dense(1, activation: .sigmoid)(x), randomState: 0)
/// print(model.layers.map(\.name))
/// ```
/// <!-- doctest: output -->
/// ```text
/// ["dense", "dense_1", "add", "dense_2"]
/// ```
public struct Model: GraphNetwork {
    /// The model's name (Keras' `name`, `functional` by default).
    public var name: String
    /// The distinct layers in execution order of first use (inputs are not layers here); a shared layer
    /// appears once.
    public internal(set) var layers: [any Layer]
    /// The inputs' names (`input_layer`, `input_layer_1`, … unless given).
    public let inputNames: [String]
    /// The inputs' per-sample shapes.
    public let inputShapes: [[Int]]
    /// The outputs' names: the layers (or inputs) that produce them.
    public let outputNames: [String]
    /// The outputs' per-sample shapes.
    public var outputShapes: [[Int]] { plan.outputs.map { plan.shapes[$0] } }
    /// All trainable parameters, layer after layer, each in Keras' weight order.
    public internal(set) var parameters: [Float]
    /// Non-trainable state (BatchNormalization's moving statistics), layer after layer.
    public internal(set) var states: [Float]
    var offsets: [Int]
    var stateOffsets: [Int]
    let plan: ExecutionPlan
    var rng: RandomState
    /// The optimizer `compile` chose (`nil` before).
    var optimizer: (any Optimizer)?
    /// One training loss per output, in ``outputNames`` order (empty before `compile`).
    public internal(set) var losses: [Loss] = []
    /// One weight per output (Keras' `loss_weights`): the trained loss is Σ wₖ·Lₖ.
    public internal(set) var lossWeights: [Float] = []
    /// The metrics reported for every output.
    public internal(set) var metrics: [Metric] = []
    /// The layers ``setTrainable(_:layers:)`` froze.
    var frozenLayers: Set<String> = []

    /// The model whose `outputs` are computed from `inputs` through the layer calls that made them; weights
    /// are initialised now as Keras does, from `randomState` (`nil` = system entropy).
    /// - Throws: `LearnError.invalidGraph` naming the node for a layer call that failed (mismatched
    ///   merge shapes, a layer that does not fit its input), an output that needs an input not listed,
    ///   an input no output uses, a repeated input or output, a duplicate layer name, or a shared layer
    ///   called on different shapes; `LearnError.invalidParameter` for an invalid seed.
    public init(
        inputs: [SymbolicTensor], outputs: [SymbolicTensor], name: String = "functional", randomState: Int? = nil
    ) throws {
        try self.init(inputs: inputs, outputs: outputs, name: name, randomState: randomState, allocate: true)
    }

    /// The model, its weights initialised when `allocate`; otherwise left empty (every size already checked),
    /// so that a loader checks a file's weights before it allocates what the file's config declares.
    init(inputs: [SymbolicTensor], outputs: [SymbolicTensor], name: String, randomState: Int?, allocate: Bool) throws {
        guard !inputs.isEmpty, !outputs.isEmpty else {
            throw LearnError.invalidGraph(node: name, reason: "a model needs at least one input and one output")
        }
        let graph = try GraphResolution(inputs: inputs, outputs: outputs)
        rng = try RandomState.from(randomState)
        (self.name, layers, inputNames, outputNames) = (name, graph.layers, graph.inputNames, graph.outputNames)
        inputShapes = graph.inputShapes
        plan = graph.plan
        var totals = (0, 0)
        (offsets, stateOffsets) = ([], [])
        for layer in layers {
            offsets.append(totals.0)
            stateOffsets.append(totals.1)
            totals = try WeightLayout.totals(after: layer, totals, owner: "Model \(name)")
        }
        guard allocate else {
            (parameters, states) = ([], [])
            return
        }
        (parameters, states) = WeightLayout.initialValues(
            layers, offsets: offsets, stateOffsets: stateOffsets, counts: totals, using: &rng)
    }

    /// A model of one input and one output.
    public init(inputs: SymbolicTensor, outputs: SymbolicTensor, name: String = "functional", randomState: Int? = nil)
        throws
    {
        try self.init(inputs: [inputs], outputs: [outputs], name: name, randomState: randomState)
    }

    /// The compiled graph.
    func executionPlan() throws -> ExecutionPlan { plan }
}
