import Foundation
import LearnCore
import LearnTestSupport
import Testing

@testable import LearnNeural

/// The functional API on the graph engine: predictions equal Keras' on the same weights, finite-difference
/// gradients through every merge layer, fan-out and shared layers, and the graph errors.
@Suite struct GraphModelTests {
    static let folder = "Resources/keras_functional"

    /// Every number in a nested JSON array, in row-major order.
    static func flat(_ value: JSONValue) throws -> [Double] {
        if case .array(let items) = value { return try items.flatMap(flat) }
        return [try value.double()]
    }

    static func reference(_ name: String) throws -> JSONValue {
        try JSONValue.load(
            try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: folder)))
    }

    /// Keras' initial weights, layer by layer in the model's order (trainable ones into `parameters`).
    static func setKerasWeights(_ model: inout Model, _ weights: JSONValue) throws {
        var (parameters, states) = ([Float](), [Float]())
        for layer in model.layers {
            for weight in layer.weights {
                let values = try flat(try weights.member(layer.name).member("\(layer.name)/\(weight.name)"))
                #expect(values.count == weight.count, "\(layer.name)/\(weight.name)")
                if weight.trainable { parameters += values.map(Float.init) } else { states += values.map(Float.init) }
            }
        }
        #expect(parameters.count == model.parameters.count && states.count == model.states.count)
        (model.parameters, model.states) = (parameters, states)
    }

    /// The reference's `x` as one matrix per input of `model` (Keras passed a list for several inputs).
    static func kerasInputs(_ model: Model, _ x: JSONValue) throws -> [Matrix<Double>] {
        let parts = model.inputShapes.count == 1 ? [x] : try x.array()
        return try zip(parts, model.inputShapes).map { part, shape in
            try Matrix(rows: try part.array().count, columns: shape.reduce(1, *), scalars: flat(part))
        }
    }

    /// The model's predictions on the reference inputs equal Keras' initial predictions.
    static func expectKerasPredictions(_ model: Model, _ name: String) throws {
        var model = model
        let reference = try reference(name)
        try setKerasWeights(&model, try reference.member("initial_weights"))
        try expectPredictions(model, reference, "initial_predictions", name)
    }

    /// The model's predictions on the reference `x` equal the reference's `key` within 1e-4 (Keras computes in
    /// float32 with other summation orders).
    static func expectPredictions(_ model: Model, _ reference: JSONValue, _ key: String, _ name: String) throws {
        let predictions = try model.predict(try kerasInputs(model, try reference.member("x")))
        let expected = try reference.member(key)
        let expectedOutputs = model.outputNames.count == 1 ? [expected] : try expected.array()
        #expect(predictions.count == expectedOutputs.count, "\(name) outputs")
        for (got, want) in zip(predictions, expectedOutputs) {
            expectClose(got.scalars, try flat(want), tolerance: 1e-4, "\(name) \(key)")
        }
    }

    @Test(arguments: ["residual_mlp", "two_branch", "shared_layer", "merge_zoo", "multi_output", "residual_cnn"])
    func predictionsEqualKeras(_ name: String) throws {
        try Self.expectKerasPredictions(try KerasFunctionalModels.model(name), name)
    }

    @Test func kerasNamesOfLayersInputsAndOutputs() throws {
        #expect(
            try KerasFunctionalModels.model("residual_mlp").layers.map(\.name) == ["dense", "dense_1", "add", "dense_2"]
        )
        #expect(try KerasFunctionalModels.model("two_branch").inputNames == ["input_layer", "input_layer_1"])
        #expect(try KerasFunctionalModels.model("shared_layer").layers.count == 5) // one Dense for both branches
        #expect(try KerasFunctionalModels.model("multi_output").outputNames == ["cls", "reg"])
    }

    @Test func chainModelEqualsSequential() throws {
        let inputs = Input(shape: [3])
        let model = try Model(
            inputs: inputs, outputs: Dense(2, activation: .softmax)(Dense(4, activation: .tanh)(inputs)),
            randomState: 7)
        var net = Sequential(randomState: 1) {
            Dense(4, activation: .tanh)
            Dense(2, activation: .softmax)
        }
        try net.build(inputShape: [3])
        net.parameters = model.parameters
        let x = try Matrix<Double>(rows: 5, columns: 3, scalars: (0..<15).map { Double($0 % 7) / 3 - 1 })
        #expect(try model.predict(x).scalars == net.predict(x).scalars)
    }

    /// Loss `Σ r · output` over every output; analytic gradients by the engine against central differences.
    static func checkGradients(_ model: Model, rows: Int = 3) throws {
        let plan = model.plan
        let inputs = model.inputShapes.enumerated().map { k, shape in
            (0..<(rows * shape.reduce(1, *))).map { Float(($0 * 7 + k * 3) % 11) / 5 - 1.05 + Float($0 % 3) * 0.04 }
        }
        func run(_ parameters: [Float], backward: Bool) throws -> (Double, [Float]) {
            var copy = model
            copy.parameters = parameters
            var workspace = try Workspace(network: copy, batch: rows)
            for (k, x) in inputs.enumerated() {
                workspace.activations.replaceSubrange(
                    workspace.inputOffset(k)..<(workspace.inputOffset(k) + x.count), with: x)
            }
            copy.forward(&workspace, rows: rows, training: true)
            var loss = 0.0
            for (k, tensor) in plan.outputs.enumerated() {
                let output = workspace.output(rows: rows, index: k)
                let start = workspace.activationOffsets[tensor]
                for (i, value) in output.enumerated() {
                    let r = Float((i * 5 + k) % 7) / 3 - 1
                    loss += Double(r * value)
                    workspace.gradients[start + i] = r
                }
            }
            if backward { copy.backward(&workspace, rows: rows) }
            return (loss, workspace.parameterGradients)
        }
        let (_, analytic) = try run(model.parameters, backward: true)
        let h: Float = 4e-3
        for i in model.parameters.indices {
            var (plus, minus) = (model.parameters, model.parameters)
            plus[i] += h
            minus[i] -= h
            let numeric = (try run(plus, backward: false).0 - run(minus, backward: false).0) / Double(2 * h)
            #expect(
                abs(Double(analytic[i]) - numeric) <= 3e-3 + 2e-2 * abs(numeric),
                "parameter \(i): \(analytic[i]) vs \(numeric)")
        }
    }

    @Test func gradientsThroughEveryMergeLayerAndFanOut() throws {
        let inputs = Input(shape: [3])
        let (p, q) = (Dense(4)(inputs), Dense(4, activation: .tanh)(inputs))
        let merged = [
            Add()([p, q]), Subtract()([p, q]), Multiply()([p, q, p]), Average()([p, q]), Maximum()([p, q]),
            Minimum()([p, q]), Dot(axes: 1)([p, q]), Dot(axes: -1, normalize: true)([p, q]), Add()([q, q])
        ]
        let model = try Model(inputs: inputs, outputs: Dense(2)(Concatenate()(merged)), randomState: 3)
        try Self.checkGradients(model)
    }

    @Test func gradientsOfSharedLayersMultipleInputsAndOutputs() throws {
        let (a, b) = (Input(shape: [4]), Input(shape: [4]))
        let shared = Dense(3, activation: .tanh)
        let (ha, hb) = (shared(a), shared(b))
        let joined = Concatenate()([ha, hb])
        let model = try Model(
            inputs: [a, b], outputs: [Dense(2)(joined), Dense(1, activation: .sigmoid)(Multiply()([ha, hb])), ha],
            randomState: 5)
        #expect(model.layers.count == 5)
        try Self.checkGradients(model)
    }

    @Test func concatenateAlongAnInnerAxis() throws {
        let (a, b) = (Input(shape: [2, 3]), Input(shape: [1, 3]))
        let model = try Model(inputs: [a, b], outputs: [Concatenate(axis: 1)([a, b])], randomState: 0)
        #expect(model.outputShapes == [[3, 3]])
        let x = try Matrix<Double>(rows: 1, columns: 6, scalars: [1, 2, 3, 4, 5, 6])
        let y = try Matrix<Double>(rows: 1, columns: 3, scalars: [7, 8, 9])
        #expect(try model.predict([x, y])[0].scalars == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    /// The error's node label, for a graph that must fail.
    static func graphError(_ build: () throws -> Model) -> (node: String, reason: String)? {
        do {
            _ = try build()
        } catch LearnError.invalidGraph(let node, let reason) {
            return (node, reason)
        } catch {
            return ("not invalidGraph", "\(error)")
        }
        return nil
    }

    @Test func badGraphsNameTheNode() {
        let (a, b) = (Input(shape: [4]), Input(shape: [3], name: "side"))
        #expect(Self.graphError { try Model(inputs: [a, b], outputs: [Add(name: "join")([a, b])]) }?.node == "Add join")
        #expect(Self.graphError { try Model(inputs: [a], outputs: [Concatenate()([a, b])]) }?.node == "side")
        #expect(Self.graphError { try Model(inputs: [a, b], outputs: [Dense(2)(a)]) }?.node == "side")
        let named = Dense(2, name: "twin")
        #expect(
            Self.graphError { try Model(inputs: [a], outputs: [Dense(2, name: "twin")(named(a))]) }?.node == "twin")
        let shared = Dense(2, name: "shared")
        #expect(
            Self.graphError { try Model(inputs: [a, b], outputs: [Add()([shared(a), shared(b)])]) }?.node
                == "Dense shared")
        let out = Dense(1)(a)
        #expect(Self.graphError { try Model(inputs: [a], outputs: [out, out]) }?.node == "outputs")
        #expect(Self.graphError { try Model(inputs: [a, a], outputs: [out]) } != nil)
        #expect(Self.graphError { try Model(inputs: [Input(shape: [0])], outputs: [out]) } != nil)
    }
}
