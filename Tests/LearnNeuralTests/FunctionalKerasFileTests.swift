import Foundation
import LearnCore
import LearnHDF5
import LearnTestSupport
import Testing

@testable import LearnNeural

/// Keras' legacy `.h5` for functional models, both ways: the Keras-written golden files
/// (`Resources/keras_functional/`, made by `Benchmarks/Interop/make_keras_functional_models.py`) load and
/// predict as Keras did, nested Sequential and functional models included; our files reload identically and
/// are left in the interop folder, where `make interop-keras` loads them with Keras; bad configs are
/// corrupt files, never traps.
@Suite struct FunctionalKerasFileTests {
    static let names = [
        "residual_mlp", "two_branch", "residual_cnn", "nested_sequential", "shared_layer", "multi_output", "merge_zoo",
        "nested_functional"
    ]

    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: "h5", subdirectory: GraphModelTests.folder))
    }

    /// Where the tests leave files for `make interop` / `make interop-keras`.
    static func interopFolder() throws -> String {
        let folder = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).h5").path
    }

    @Test(arguments: names)
    func kerasFilesPredictAsKeras(_ name: String) throws {
        let reference = try GraphModelTests.reference(name)
        let initial = try Model.load(from: try Self.url(name + "_initial").path)
        try GraphModelTests.expectPredictions(initial, reference, "initial_predictions", name + "_initial.h5")
        let trained = try Model.load(from: try Self.url(name).path)
        try GraphModelTests.expectPredictions(trained, reference, "trained_predictions", name + ".h5")
        #expect(trained.name == (try reference.member("model_name").string()))
        #expect(trained.inputNames == (try reference.member("input_names").array().map { try $0.string() }))
        #expect(trained.outputNames == (try reference.member("output_names").array().map { try $0.string() }))
        // NAME.h5 is compiled, with the optimizer's state after the epoch's steps.
        #expect(initial.optimizer == nil && trained.losses.count == trained.outputNames.count)
        let optimizer = try #require(trained.optimizer)
        #expect(optimizer.iterations == (try reference.member("steps").int()))
        #expect(optimizer.kerasClassName == (try reference.member("optimizer_config").member("class_name").string()))
        if name == "multi_output" { #expect(trained.lossWeights == [1, 0.5]) }
    }

    /// Every slot of two optimizers, in slot order.
    static func slots(_ optimizer: (any Optimizer)?) -> [[Float]] {
        guard let optimizer else { return [] }
        return optimizer.slotGroups.joined().map { optimizer.slot($0) ?? [] }
    }

    @Test(arguments: names)
    func savedFilesReloadIdenticallyAndGoToKeras(_ name: String) throws {
        let model = try Model.load(from: try Self.url(name).path)
        let folder = try Self.interopFolder()
        let path = "\(folder)/functional_\(name).h5"
        try model.save(to: path)
        let restored = try Model.load(from: path)
        #expect(restored.parameters == model.parameters && restored.states == model.states)
        #expect(restored.layers.map(\.name) == model.layers.map(\.name) && restored.name == model.name)
        #expect(restored.losses == model.losses && restored.lossWeights == model.lossWeights)
        #expect(restored.optimizer?.iterations == model.optimizer?.iterations)
        #expect(Self.slots(restored.optimizer) == Self.slots(model.optimizer) && model.optimizer?.iterations ?? 0 > 0)
        let reference = try GraphModelTests.reference(name)
        let inputs = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let predictions = try model.predict(inputs)
        #expect(try restored.predict(inputs) == predictions)
        try Self.recordForKeras(
            inputs, predictions, iterations: model.optimizer?.iterations, folder: folder, name: "functional_\(name)")
    }

    /// The interop folder's `NAME_predictions.json` beside `NAME.h5`, for Benchmarks/Interop/check_keras.py:
    /// the inputs (a list of them for several) and our predictions (a list for several outputs).
    static func recordForKeras(
        _ inputs: [Matrix<Double>], _ predictions: [Matrix<Double>], iterations: Int? = nil, folder: String,
        name: String
    ) throws {
        let rows = inputs.map { matrix in (0..<matrix.rows).map { (try? matrix.row($0)) ?? [] } }
        var record: [String: Any] = [
            "input": rows.count == 1 ? rows[0] as Any : rows as Any,
            "predictions": predictions.count == 1 ? predictions[0].scalars as Any : predictions.map(\.scalars) as Any
        ]
        if let iterations { record["iterations"] = iterations }
        try JSONSerialization.data(withJSONObject: record).write(
            to: URL(fileURLWithPath: "\(folder)/\(name)_predictions.json"))
    }

    @Test func theFileFollowsKerasLayout() throws {
        let model = try Model.load(from: try Self.url("nested_sequential").path)
        let path = Self.temporaryPath("layout")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path, includeOptimizer: false)
        let root = try HDF5File.open(path).root
        let weights = try root.group("model_weights")
        #expect(try weights.attribute("layer_names") == .strings(["input_layer", "base", "dense_2"]))
        #expect(
            try weights.group("base").attribute("weight_names")
                == .strings(["base/dense/kernel", "base/dense/bias", "base/dense_1/kernel", "base/dense_1/bias"]))
        #expect(
            try weights.group("base").group("base").group("dense").datasetInfo("kernel")
                == HDF5DatasetInfo(shape: [4, 5], typeName: "float32"))
        #expect(try weights.group("dense_2").attribute("weight_names") == .strings(["dense_2/kernel", "dense_2/bias"]))
        #expect(!root.contains("optimizer_weights") && (try? root.attribute("training_config")) != nil)
        guard case let .string(text) = try root.attribute("model_config") else {
            Issue.record("no model_config")
            return
        }
        let config = try #require(KerasConfig.jsonObject(text))
        #expect(config["class_name"] as? String == "Functional")
        let body = try #require(config["config"] as? [String: Any])
        #expect(body["output_layers"] as? [AnyHashable] == ["dense_2", 0, 0])
    }

    @Test func trainingResumesFromTheSavedOptimizerState() throws {
        var model = try Model.load(from: try Self.url("residual_mlp").path)
        let reference = try GraphModelTests.reference("residual_mlp")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))[0]
        let y = try GraphModelTests.flat(try reference.member("y")).map { Int($0) }
        let path = Self.temporaryPath("resume")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        var restored = try Model.load(from: path)
        try model.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        try restored.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        #expect(restored.parameters == model.parameters && restored.optimizer?.iterations == 6)
        // Without the optimizer: compiled, but the state starts again.
        try model.save(to: path, includeOptimizer: false)
        let root = try HDF5File.open(path).root
        #expect((try? root.attribute("training_config")) != nil && !root.contains("optimizer_weights"))
        let fresh = try Model.load(from: path)
        #expect(fresh.optimizer?.iterations == 0 && fresh.losses == [.binaryCrossentropy])
        #expect(fresh.metrics == [.accuracy] && fresh.parameters == model.parameters)
    }

    @Test func frozenLayersAndTheirSlotsRoundTrip() throws {
        var model = try Model.load(from: try Self.url("residual_mlp").path)
        let reference = try GraphModelTests.reference("residual_mlp")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))[0]
        let y = try GraphModelTests.flat(try reference.member("y")).map { Int($0) }
        try model.setTrainable(false, layers: ["dense"])
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy)
        try model.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        let path = Self.temporaryPath("frozen")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let restored = try Model.load(from: path)
        #expect(!restored.isTrainable(layer: "dense") && restored.isTrainable(layer: "dense_1"))
        #expect(restored.trainableParameterCount == model.trainableParameterCount)
        #expect(Self.slots(restored.optimizer) == Self.slots(model.optimizer))
    }

    @Test func aDeepChainRoundTripsInLinearTime() throws {
        // 3,000 layers: the reader orders calls without recursion and matches weights in one pass per layer.
        let inputs = Input(shape: [2])
        var x = inputs
        for _ in 0..<3_000 { x = Dense(2, activation: .tanh)(x) }
        let model = try Model(inputs: inputs, outputs: x, randomState: 0)
        let path = Self.temporaryPath("deep")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let restored = try Model.load(from: path)
        #expect(restored.parameters == model.parameters && restored.layers.count == 3_000)
    }

    @Test func optimizersLoadWhateverTheyAreCalled() throws {
        // multi_output.h5 with its optimizer renamed in place, as a session's later Adam or a user's name would
        // be (`adam` → `opt9` in the group, the weight names and the training config): the state still loads.
        let url = try Self.url("multi_output")
        let copy = Self.temporaryPath("renamed-optimizer")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var bytes = try Data(contentsOf: url)
        var replaced = 0
        while let range = bytes.range(of: Data("adam".utf8)) {
            bytes.replaceSubrange(range, with: Data("opt9".utf8))
            replaced += 1
        }
        #expect(replaced > 2)
        try bytes.write(to: URL(fileURLWithPath: copy))
        let original = try Model.load(from: url.path)
        let renamed = try Model.load(from: copy)
        #expect(renamed.optimizer?.iterations == original.optimizer?.iterations)
        #expect(Self.slots(renamed.optimizer) == Self.slots(original.optimizer))
    }

    @Test func renamedModelsKeepTheirNames() throws {
        let inputs = Input(shape: [3], name: "features")
        let hidden = Dense(4, activation: .tanh, name: "hidden")(inputs)
        let model = try Model(inputs: inputs, outputs: Dense(2, name: "head")(hidden), name: "my_net", randomState: 1)
        let path = Self.temporaryPath("renamed")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for includeOptimizer in [true, false] {
            try model.save(to: path, includeOptimizer: includeOptimizer)
            let restored = try Model.load(from: path)
            #expect(restored.name == "my_net" && restored.inputNames == ["features"])
            #expect(restored.layers.map(\.name) == ["hidden", "head"] && restored.parameters == model.parameters)
        }
    }

    /// Nested models built in Swift: a built Sequential keeps its weights inside the host; a functional tower
    /// called twice shares one weight set; both round-trip through a file.
    @Test func nestedModelsBuiltInSwiftRoundTrip() throws {
        var base = Sequential(randomState: 2) {
            Dense(5, activation: .relu)
            Dense(3, activation: .tanh)
        }
        try base.build(inputShape: [4])
        let towerInput = Input(shape: [3])
        let tower = try Model(inputs: towerInput, outputs: Dense(2)(towerInput), name: "tower", randomState: 3)
        let (a, b) = (Input(shape: [4]), Input(shape: [4]))
        let shared = NestedModel(base, name: "base")
        let (ha, hb) = (shared(a), shared(b))
        let towerLayer = NestedModel(tower)
        let merged = Add()([towerLayer(ha), towerLayer(hb)])
        let model = try Model(inputs: [a, b], outputs: [Dense(1)(merged)], randomState: 4)
        #expect(model.layers.map(\.name) == ["base", "tower", "add", "dense"])
        #expect(Array(model.parameters.prefix(base.parameters.count)) == base.parameters)
        // Keras loads this one too (`make interop-keras`): a shared nested Sequential, a tower called twice.
        let path = "\(try Self.interopFolder())/functional_swift_nested.h5"
        try model.save(to: path)
        let restored = try Model.load(from: path)
        #expect(restored.parameters == model.parameters)
        let x = try Matrix<Double>(rows: 3, columns: 4, scalars: (0..<12).map { Double($0 % 5) / 4 - 0.5 })
        let y = try Matrix<Double>(rows: 3, columns: 4, scalars: x.scalars.map { -$0 })
        let predictions = try model.predict([x, y])
        #expect(try restored.predict([x, y]) == predictions)
        try Self.recordForKeras([x, y], predictions, folder: try Self.interopFolder(), name: "functional_swift_nested")
        // The nested Sequential computes what it computes on its own.
        let alone = try Model(inputs: a, outputs: NestedModel(base)(a), randomState: 0)
        #expect(try alone.predict(x).scalars == base.predict(x).scalars)
    }

    @Test func gradientsFlowThroughNestedModels() throws {
        let inner = Input(shape: [3])
        let innerModel = try Model(
            inputs: inner, outputs: Dense(2, activation: .tanh)(Add()([Dense(3)(inner), inner])), randomState: 6)
        let base = Sequential(randomState: 7) {
            Dense(3, activation: .tanh)
            BatchNormalization()
        }
        let inputs = Input(shape: [4])
        let features = NestedModel(base, name: "base")(inputs)
        let branch = NestedModel(innerModel, name: "inner")
        let output = Concatenate()([branch(features), branch(Dense(3)(features)), features])
        let model = try Model(inputs: inputs, outputs: Dense(2)(output), randomState: 8)
        try GraphModelTests.checkGradients(model)
    }

    @Test func kerasTwoInboundNodesAreRead() throws {
        // residual_mlp's config rewritten in Keras 2's list form [[["dense", 0, 0, {}]]].
        let source = try Model.load(from: try Self.url("residual_mlp").path)
        var body = KerasModelConfig.functional(
            name: source.name, inputNames: source.inputNames, layers: source.layers, plan: source.plan)
        body["layers"] = (body["layers"] as? [[String: Any]] ?? []).map { entry in
            var entry = entry
            let nodes = entry["inbound_nodes"] as? [[String: Any]] ?? []
            entry["inbound_nodes"] = nodes.map { node -> [[Any]] in
                let argument = (node["args"] as? [Any])?.first
                let tensors = (argument as? [[String: Any]]) ?? [argument as? [String: Any] ?? [:]]
                return tensors.map { tensor in
                    let history = (tensor["config"] as? [String: Any])?["keras_history"] as? [Any] ?? []
                    return history + [[String: Any]()]
                }
            }
            return entry
        }
        let path = try Self.write(body, weightsOf: source)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let restored = try Model.load(from: path)
        try GraphModelTests.expectPredictions(
            restored, try GraphModelTests.reference("residual_mlp"), "trained_predictions", "Keras 2 form")
    }

    /// A file of `body` as its functional `model_config` and the weights of `model`.
    static func write(_ body: [String: Any], weightsOf model: Model) throws -> String {
        let path = temporaryPath("config")
        let text = try KerasConfig.jsonText(["class_name": "Functional", "config": body])
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.setAttribute("model_config", .string(text), ascii: true)
            try model.writeKerasWeights(
                to: try root.createGroup("model_weights"), scope: "", inputNames: model.inputNames)
        }
        return path
    }

    /// `body` with the first `args` tensor of layer `layer`'s first call pointing at `history`.
    static func rewire(_ body: [String: Any], layer: String, to history: [Any]) -> [String: Any] {
        var body = body
        body["layers"] = (body["layers"] as? [[String: Any]] ?? []).map { entry in
            guard entry["name"] as? String == layer else { return entry }
            var entry = entry
            let tensor: [String: Any] = [
                "class_name": "__keras_tensor__", "config": ["shape": [NSNull(), 8], "keras_history": history]
            ]
            entry["inbound_nodes"] = [["args": [tensor], "kwargs": [String: Any]()]]
            return entry
        }
        return body
    }

    @Test func corruptFunctionalConfigsAreCorruptFiles() throws {
        let source = try Model.load(from: try Self.url("residual_mlp").path)
        let body = KerasModelConfig.functional(
            name: source.name, inputNames: source.inputNames, layers: source.layers, plan: source.plan)
        func expectCorrupt(_ body: [String: Any], _ what: String, weightsOf model: Model? = nil) throws {
            let path = try Self.write(body, weightsOf: model ?? source)
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try Model.load(from: path)
                Issue.record("\(what): loaded")
            } catch LearnError.corruptFile(_, let reason) {
                #expect(!reason.isEmpty, "\(what)")
            } catch {
                Issue.record("\(what): \(error)")
            }
        }
        // dense reads dense_1, which reads dense: a cycle.
        try expectCorrupt(Self.rewire(body, layer: "dense", to: ["dense_1", 0, 0]), "cycle")
        try expectCorrupt(Self.rewire(body, layer: "dense_1", to: ["nowhere", 0, 0]), "unknown inbound layer")
        try expectCorrupt(Self.rewire(body, layer: "dense_1", to: ["dense", 3, 0]), "call that does not exist")
        try expectCorrupt(Self.rewire(body, layer: "dense_1", to: ["dense", 0, 1]), "second output")
        var noOutputs = body
        noOutputs["output_layers"] = [Any]()
        try expectCorrupt(noOutputs, "no outputs")
        var badShape = body
        badShape["layers"] = (body["layers"] as? [[String: Any]] ?? []).map { entry in
            guard entry["class_name"] as? String == "InputLayer" else { return entry }
            var entry = entry
            entry["config"] = ["batch_shape": [NSNull(), 1e30], "name": "input_layer"]
            return entry
        }
        try expectCorrupt(badShape, "huge input")
        // 2^26 units of 8 inputs (2 GiB, within the array limit) that the file does not store: refused when the
        // weights are checked, before anything of that size is allocated.
        var huge = body
        huge["layers"] = (body["layers"] as? [[String: Any]] ?? []).map { entry in
            guard entry["name"] as? String == "dense_2" else { return entry }
            var entry = entry
            var settings = entry["config"] as? [String: Any] ?? [:]
            settings["units"] = 1 << 26
            entry["config"] = settings
            return entry
        }
        try expectCorrupt(huge, "huge layer the file does not store")
        // Weights of another model: missing weights for a layer.
        let other = Input(shape: [6])
        let smaller = try Model(inputs: other, outputs: Dense(1)(other), randomState: 0)
        try expectCorrupt(body, "missing weights", weightsOf: smaller)
        var nested = body
        var inner = body
        for _ in 0..<20 {
            inner = [
                "name": "level",
                "layers": [
                    ["class_name": "InputLayer", "config": ["batch_shape": [NSNull(), 6], "name": "i"], "name": "i"],
                    [
                        "class_name": "Functional", "config": inner, "name": "m",
                        "inbound_nodes": [
                            ["args": [["class_name": "__keras_tensor__", "config": ["keras_history": ["i", 0, 0]]]]]
                        ]
                    ]
                ] as [Any], "input_layers": ["i", 0, 0], "output_layers": ["m", 1, 0]
            ]
        }
        nested = inner
        try expectCorrupt(nested, "nested too deep")
        #expect(throws: LearnError.self) { try Model.load(from: try Self.url("residual_mlp").path + ".missing") }
    }
}
