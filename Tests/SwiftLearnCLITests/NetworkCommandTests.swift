import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnNeural
import LearnTestSupport
import Testing

/// `swiftlearn predict`, `train` and `inspect` on network files (DESIGN §6, issue 16 item 6), run through
/// the built tool on Keras' functional golden files (`Tests/LearnNeuralTests/Resources/keras_functional`,
/// README there) and on networks built here.
@Suite struct NetworkCommandTests {
    /// Float32 arithmetic in another order than TensorFlow's: 1e-4 absolute covers one epoch (as in
    /// `ModelTrainingTests`), and predictions written with 9 significant digits.
    static let tolerance = 1e-4

    /// The golden files, read in place from the LearnNeural test target's resources.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LearnNeuralTests/Resources/keras_functional").path

    static func reference(_ name: String) throws -> JSONValue {
        try JSONValue.load(URL(fileURLWithPath: "\(golden)/\(name).json"))
    }

    /// A nested JSON array's shape and its numbers in row-major order.
    static func array(_ value: JSONValue) throws -> (shape: [Int], values: [Double]) {
        guard case .array(let items) = value else { return ([], [try value.double()]) }
        let parts = try items.map(array)
        return ([items.count] + (parts.first?.shape ?? []), parts.flatMap(\.values))
    }

    /// A data file as the CLI reads it: `X` (a group of one dataset per input for several inputs) and `y`
    /// (a group of one dataset per output for several outputs), float32 as Keras was given them.
    static func writeData(_ reference: JSONValue, to path: String) throws {
        let inputs = try reference.member("input_names").strings()
        let outputs = try reference.member("output_names").strings()
        let x = try reference.member("x")
        let y = try reference.member("y")
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            func write(_ value: JSONValue, _ name: String, in group: HDF5Group) throws {
                let (shape, values) = try array(value)
                try group.write(values.map(Float.init), shape: shape, to: name)
            }
            if inputs.count == 1 {
                try write(x, "X", in: root)
            } else {
                let group = try root.createGroup("X")
                for (k, input) in inputs.enumerated() { try write(try x.array()[k], input, in: group) }
            }
            if outputs.count == 1 {
                try write(y, "y", in: root)
            } else {
                let group = try root.createGroup("y")
                for output in outputs { try write(try y.member(output), output, in: group) }
            }
        }
    }

    /// A compiled start file for `swiftlearn train`: Keras' `NAME_initial.h5` (its model_config and initial
    /// weights, as Keras wrote them) with the `training_config` Keras wrote into `NAME.h5` after compile.
    /// Keras saved the initial file before compile had a training_config to write, and the trained file
    /// after the epoch; the config does not change during `fit`, so together they are exactly the compiled,
    /// untrained model Keras trained — with no optimizer state, as Keras' optimizer had none before fit.
    static func compiledStart(_ name: String, in folder: String) throws -> String {
        let start = folder + "/\(name)_start.h5"
        try FileManager.default.copyItem(atPath: "\(golden)/\(name)_initial.h5", toPath: start)
        let trained = try HDF5File.open("\(golden)/\(name).h5")
        let trainingConfig = try trained.root.attribute("training_config")
        try trained.close()
        let file = try HDF5File.open(start, writable: true)
        try file.root.setAttribute("training_config", trainingConfig)
        try file.close()
        return start
    }

    /// A generated dataset (`make-classification` or `make-regression`) at `path`.
    static func generate(_ command: String, samples: Int, features: Int, seed: Int, to path: String) throws {
        let run = try GeneratorCommandTests.run([
            command, "--n-samples", "\(samples)", "--n-features", "\(features)", "--random-state", "\(seed)",
            "--output", path
        ])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// `net` compiled with Adam(0.01) and `loss`, built for rows of `inputWidth` features, saved in `folder`
    /// as a start file for `swiftlearn train`.
    static func startFile(
        _ net: Sequential, loss: Loss, metrics: [Metric] = [], inputWidth: Int, in folder: String
    ) throws -> String {
        var net = net
        net.compile(optimizer: Adam(learningRate: 0.01), loss: loss, metrics: metrics)
        try net.build(inputShape: [inputWidth])
        let path = folder + "/start.h5"
        try net.save(to: path)
        return path
    }

    static func folder(_ name: String) throws -> String {
        let folder = GeneratorCommandTests.temporaryPath(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// One epoch of `swiftlearn train --no-shuffle` from Keras' initial weights gives the weights (moving
    /// statistics included) Keras' `fit(shuffle=False)` saved, its epoch logs, and its trained predictions.
    @Test(arguments: ["residual_mlp", "two_branch", "multi_output", "residual_cnn", "shared_layer"])
    func oneEpochOfTrainEqualsKerasFit(_ name: String) throws {
        let folder = try Self.folder("train-\(name)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reference = try Self.reference(name)
        let (start, data) = (try Self.compiledStart(name, in: folder), folder + "/data.h5")
        try Self.writeData(reference, to: data)
        let (trained, history) = (folder + "/trained.h5", folder + "/history.csv")
        let run = try GeneratorCommandTests.run([
            "train", "--model", start, "--data", data, "--epochs", "1",
            "--batch-size", "\(try reference.member("batch_size").int())", "--no-shuffle", "--history", history,
            "--output", trained
        ])
        #expect(run.status == 0, "\(name): \(run.stderr)")
        // The trained file's weights, read where Keras reads them: model_weights/<layer>/<weight name>.
        let weights = try HDF5File.open(trained).root.group("model_weights")
        guard case .object(let layers) = try reference.member("weights_after_epoch") else {
            throw LearnError.emptyInput(operation: name)
        }
        for (layer, layerWeights) in layers {
            guard case .object(let named) = layerWeights else { continue }
            for (weightName, values) in named {
                let got = try weights.group(layer).read(Float.self, from: weightName).values
                expectClose(
                    got.map(Double.init), try Self.array(values).values, tolerance: Self.tolerance,
                    "\(name) \(weightName)")
            }
        }
        // The optimizer's state is saved with it (Keras' include_optimizer=True).
        #expect(try HDF5File.open(trained).root.contains("optimizer_weights"))
        // --history: one row per epoch, the History keys as columns.
        let logs = try readCSV(from: history)
        guard case .object(let kerasLogs) = try reference.member("history") else {
            throw LearnError.emptyInput(operation: name)
        }
        #expect(logs.featureNames.first == "epoch" && logs.featureNames.contains("loss"))
        #expect(Set(logs.featureNames.dropFirst()) == Set(kerasLogs.keys), "\(name): \(logs.featureNames)")
        #expect(logs.data.rows == 1 && logs.data[0, 0] == 0)
        for (column, key) in logs.featureNames.enumerated().dropFirst() {
            expectClose(
                [logs.data[0, column]], try Self.array(try #require(kerasLogs[key])).values,
                tolerance: Self.tolerance, "\(name) \(key)")
        }
        // predict on the trained file gives Keras' trained predictions, output after output.
        let predictions = folder + "/predictions.csv"
        let predicted = try GeneratorCommandTests.run([
            "predict", "--model", trained, "--input", data, "--output", predictions
        ])
        #expect(predicted.status == 0, "\(name): \(predicted.stderr)")
        let table = try readCSV(from: predictions)
        let outputs = try reference.member("output_names").strings()
        let expected = try reference.member("trained_predictions")
        let parts = outputs.count == 1 ? [expected] : try expected.array()
        var (column, ours) = (0, [[Double]]())
        for (output, part) in zip(outputs, parts) {
            let (shape, values) = try Self.array(part)
            let width = shape.dropFirst().reduce(1, *)
            let names = (0..<width).map { outputs.count == 1 ? "y\($0)" : "\(output)_\($0)" }
            #expect(Array(table.featureNames[column..<(column + width)]) == names)
            let got = (0..<table.data.rows).flatMap { row in (column..<(column + width)).map { table.data[row, $0] } }
            expectClose(got, values, tolerance: Self.tolerance, "\(name) \(output) predictions")
            ours.append(got)
            column += width
        }
        let x = try reference.member("x")
        let inputs = try (try reference.member("input_names").strings().count == 1 ? [x] : try x.array()).map { part in
            let (shape, values) = try Self.array(part)
            let width = shape.dropFirst().reduce(1, *)
            return (0..<shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
        }
        try Self.leaveForKeras(
            trained, inputs: inputs, predictions: ours, iterations: try reference.member("steps").int(),
            name: "cli_train_\(name)")
    }

    /// Leaves `trained` in the interop folder with its inputs (rows, one list per input), our predictions
    /// (one list per output) and the optimizer's step count, where `make interop-keras`
    /// (Benchmarks/Interop/check_keras.py) loads it with Keras and compares.
    static func leaveForKeras(
        _ trained: String, inputs: [[[Double]]], predictions: [[Double]], iterations: Int, name: String
    ) throws {
        let folder = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/\(name).h5"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: trained, toPath: path)
        let record: [String: Any] = [
            "input": inputs.count == 1 ? inputs[0] as Any : inputs as Any,
            "predictions": predictions.count == 1 ? predictions[0] as Any : predictions as Any,
            "iterations": iterations
        ]
        try JSONSerialization.data(withJSONObject: record).write(
            to: URL(fileURLWithPath: "\(folder)/\(name)_predictions.json"))
    }

    /// Keras' own trained files predict as Keras did: a nested Sequential, two inputs through one shared
    /// layer, a CSV input, and the standard output when no `--output` is given.
    @Test func kerasFilesPredictAsKeras() throws {
        let folder = try Self.folder("keras-predict")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["nested_sequential", "shared_layer", "merge_zoo", "nested_functional"] {
            let reference = try Self.reference(name)
            let data = folder + "/\(name).h5"
            try Self.writeData(reference, to: data)
            let run = try GeneratorCommandTests.run(["predict", "--model", "\(Self.golden)/\(name).h5", "--input", data]
            )
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let table = try readCSV(string: run.stdout)
            #expect(table.featureNames == ["y0"])
            expectClose(
                table.data.scalars, try Self.array(try reference.member("trained_predictions")).values,
                tolerance: Self.tolerance, "\(name)")
        }
        // A CSV holds the features side by side (and a target column, ignored).
        let reference = try Self.reference("residual_mlp")
        let (shape, x) = try Self.array(try reference.member("x"))
        let y = try Self.array(try reference.member("y")).values
        let csv = folder + "/residual_mlp.csv"
        try writeCSV(try Matrix(rows: shape[0], columns: shape[1], scalars: x), target: y, to: csv)
        let run = try GeneratorCommandTests.run([
            "predict", "--model", "\(Self.golden)/residual_mlp.h5", "--input", csv
        ])
        #expect(run.status == 0, "\(run.stderr)")
        expectClose(
            try readCSV(string: run.stdout).data.scalars,
            try Self.array(try reference.member("trained_predictions")).values, tolerance: Self.tolerance,
            "residual_mlp from CSV")
        // predict reads only X: a y it does not need (here of the wrong length) is left alone.
        let stray = folder + "/stray-y.h5"
        try HDF5File.writeAtomically(to: stray) { file in
            try file.root.write(x.map(Float.init), shape: shape, to: "X")
            try file.root.write([Float(1)], shape: [1], to: "y")
        }
        let strayRun = try GeneratorCommandTests.run([
            "predict", "--model", "\(Self.golden)/residual_mlp.h5", "--input", stray
        ])
        #expect(
            strayRun.status == 0 && strayRun.stdout.split(separator: "\n").count == shape[0] + 1, "\(strayRun.stderr)")
    }

    /// A Keras-written Sequential (`keras_model.h5`, compiled with a sparse categorical cross-entropy)
    /// predicts as Keras did from a CSV, one column per class, and trains from the same CSV with labels.
    @Test func aKerasSequentialPredictsAndTrains() throws {
        let folder = try Self.folder("keras-sequential")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let resources = (Self.golden as NSString).deletingLastPathComponent
        let reference = try JSONValue.load(URL(fileURLWithPath: resources + "/keras_model_predictions.json"))
        let (shape, x) = try Self.array(try reference.member("input"))
        let (predictedShape, expected) = try Self.array(try reference.member("predictions"))
        let csv = folder + "/x.csv"
        let labels = (0..<shape[0]).map { Double($0 % predictedShape[1]) }
        try writeCSV(try Matrix(rows: shape[0], columns: shape[1], scalars: x), target: labels, to: csv)
        let model = resources + "/keras_model.h5"
        let run = try GeneratorCommandTests.run(["predict", "--model", model, "--input", csv])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try readCSV(string: run.stdout)
        #expect(table.featureNames == (0..<predictedShape[1]).map { "y\($0)" })
        expectClose(table.data.scalars, expected, tolerance: 1e-5, "Keras Sequential predictions")
        let trained = folder + "/trained.h5"
        let train = try GeneratorCommandTests.run([
            "train", "--model", model, "--data", csv, "--epochs", "2", "--batch-size", "2", "--seed", "0",
            "--output", trained
        ])
        #expect(train.status == 0 && train.stdout.contains("2 epochs"), "\(train.stdout) \(train.stderr)")
        let network = try Sequential.load(from: trained)
        #expect(try network.parameters != Sequential.load(from: model).parameters)
        let rows = (0..<shape[0]).map { Array(x[($0 * shape[1])..<(($0 + 1) * shape[1])]) }
        let ours = try network.predict(try Matrix(rows: shape[0], columns: shape[1], scalars: x)).scalars
        // Training resumed Keras' own Adam state: its steps, then two epochs of 5 samples in batches of 2.
        let saved = try HDF5File.open(model).root.group("optimizer_weights")
        let kerasSteps = try saved.group(try saved.memberNames()[0]).read(Int64.self, from: "iteration").values[0]
        try Self.leaveForKeras(
            trained, inputs: [rows], predictions: [ours], iterations: Int(kerasSteps) + 6,
            name: "cli_train_keras_sequential")
    }

    /// Training resumes where it stopped: two epochs in one run equal one epoch, saved with the optimizer's
    /// state, then another from that file (no shuffling, no dropout: the same steps in the same order).
    @Test func trainingResumesFromItsOwnOutput() throws {
        let folder = try Self.folder("resume")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let train = folder + "/train.csv"
        try Self.generate("make-regression", samples: 40, features: 3, seed: 2, to: train)
        let start = try Self.startFile(
            Sequential(randomState: 3) {
                Dense(6, activation: .tanh)
                Dense(1)
            }, loss: .meanSquaredError, inputWidth: 3, in: folder)
        func trainRun(_ model: String, epochs: Int, to output: String) throws -> Int32 {
            try GeneratorCommandTests.run([
                "train", "--model", model, "--data", train, "--epochs", "\(epochs)", "--batch-size", "8",
                "--no-shuffle", "--output", output
            ]).status
        }
        #expect(try trainRun(start, epochs: 2, to: folder + "/two.h5") == 0)
        #expect(try trainRun(start, epochs: 1, to: folder + "/one.h5") == 0)
        #expect(try trainRun(folder + "/one.h5", epochs: 1, to: folder + "/resumed.h5") == 0)
        let (two, resumed) = (
            try Sequential.load(from: folder + "/two.h5"), try Sequential.load(from: folder + "/resumed.h5")
        )
        expectClose(
            resumed.parameters.map(Double.init), two.parameters.map(Double.init), tolerance: 1e-6, "resumed training")
    }

    /// Token ids stored as integers (an int64 `X` of `[samples, 4]`) feed an Embedding.
    @Test func integerTokenIdsFeedAnEmbedding() throws {
        let folder = try Self.folder("tokens")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var net = Sequential(randomState: 0) {
            Embedding(inputDim: 10, outputDim: 3)
            Flatten()
            Dense(2, activation: .softmax)
        }
        try net.build(inputShape: [4])
        let model = folder + "/tokens.h5"
        try net.save(to: model)
        let ids: [Int64] = [1, 2, 3, 4, 9, 8, 7, 0, 5, 5, 5, 5]
        let data = folder + "/ids.h5"
        try HDF5File.writeAtomically(to: data) { try $0.root.write(ids, shape: [3, 4], to: "X") }
        let run = try GeneratorCommandTests.run(["predict", "--model", model, "--input", data])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try net.predict(try Matrix(rows: 3, columns: 4, scalars: ids.map(Double.init)))
        expectClose(try readCSV(string: run.stdout).data.scalars, expected.scalars, tolerance: 1e-8, "embedding")
    }

    /// A Sequential saved by SwiftLearn trains from a CSV with a validation split and a seed: the same seed
    /// gives the same file, another seed other weights; predict and inspect read it.
    @Test func aSwiftLearnSequentialTrainsFromCSVReproducibly() throws {
        let folder = try Self.folder("sequential")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let train = folder + "/train.csv"
        try Self.generate("make-classification", samples: 120, features: 5, seed: 4, to: train)
        let start = try Self.startFile(
            Sequential(randomState: 1) {
                Dense(8, activation: .relu)
                Dropout(0.25)
                Dense(1, activation: .sigmoid)
            }, loss: .binaryCrossentropy, metrics: [.accuracy], inputWidth: 5, in: folder)
        let net = try Sequential.load(from: start)
        func trainRun(seed: Int, to output: String) throws -> (status: Int32, stderr: String, stdout: String) {
            try GeneratorCommandTests.run([
                "train", "--model", start, "--data", train, "--epochs", "3", "--batch-size", "16",
                "--validation-split", "0.25", "--seed", "\(seed)", "--history", output + ".csv", "--output", output
            ])
        }
        let (first, again, other) = (folder + "/a.h5", folder + "/b.h5", folder + "/c.h5")
        let run = try trainRun(seed: 7, to: first)
        #expect(run.status == 0 && run.stdout.contains("3 epochs"), "\(run.stdout) \(run.stderr)")
        #expect(try trainRun(seed: 7, to: again).status == 0)
        #expect(try trainRun(seed: 8, to: other).status == 0)
        let (a, b, c) = (
            try Sequential.load(from: first), try Sequential.load(from: again), try Sequential.load(from: other)
        )
        #expect(a.parameters == b.parameters && a.parameters != c.parameters && a.parameters != net.parameters)
        let history = try readCSV(from: first + ".csv")
        #expect(history.featureNames == ["epoch", "loss", "accuracy", "val_loss", "val_accuracy"])
        #expect(history.data.rows == 3 && (0..<3).map { history.data[$0, 0] } == [0, 1, 2])
        // predict writes the network's raw outputs with 9 significant digits.
        let predicted = try GeneratorCommandTests.run(["predict", "--model", first, "--input", train])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let table = try readCSV(string: predicted.stdout)
        let x = try readCSV(from: train, targetColumn: "y").data
        #expect(table.featureNames == ["y0"])
        expectClose(table.data.scalars, try a.predict(x).scalars, tolerance: 1e-8, "Sequential predictions")
        #expect(
            predicted.stdout.split(separator: "\n").dropFirst().allSatisfy {
                $0.filter(\.isNumber).count <= 9 + 2 // 9 significant digits (+ a leading 0 and an exponent's)
            })
        let inspect = try GeneratorCommandTests.run(["inspect", first])
        #expect(
            inspect.status == 0 && inspect.stdout.hasPrefix("Model: \"sequential\"")
                && inspect.stdout.contains("dense (Dense)")
                && inspect.stdout.contains("Compiled: loss binary_crossentropy"),
            "\(inspect.stdout)")
    }

    /// Estimator files predict from an `.h5` input too (its 2-D dataset `X`, as `make-classification` writes
    /// it), the same labels as from the CSV.
    @Test func estimatorsPredictFromHDF5Input() throws {
        let folder = try Self.folder("estimator-h5")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (csv, h5, model) = (folder + "/d.csv", folder + "/d.h5", folder + "/m.h5")
        for output in [csv, h5] {
            try Self.generate("make-classification", samples: 40, features: 4, seed: 6, to: output)
        }
        #expect(
            try GeneratorCommandTests.run(["fit", "--model", "logistic-regression", "--train", csv, "--output", model])
                .status == 0)
        let fromCSV = try GeneratorCommandTests.run(["predict", "--model", model, "--input", csv])
        let fromH5 = try GeneratorCommandTests.run(["predict", "--model", model, "--input", h5])
        #expect(fromH5.status == 0 && fromH5.stdout == fromCSV.stdout, "\(fromH5.stderr)")
        #expect(fromCSV.stdout.hasPrefix("y\n"))
    }

    /// `inspect` prints a functional network's summary, Keras 3's table with its "Connected to" column
    /// (`ModelSummaryTests` compares the whole text with Keras').
    @Test func inspectPrintsAFunctionalSummary() throws {
        let run = try GeneratorCommandTests.run(["inspect", "\(Self.golden)/residual_mlp.h5"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Model: \"functional\"\n┏"))
        #expect(run.stdout.contains("┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃"))
        #expect(run.stdout.contains("│ add (Add)           │ (None, 8)         │          0 │ dense_1[0][0],    │"))
        #expect(run.stdout.contains("│                     │                   │            │ dense[0][0]       │"))
        #expect(run.stdout.contains(" Total params: 137 (548.00 B)"))
        #expect(run.stdout.contains("Compiled: loss binary_crossentropy."))
        let initial = try GeneratorCommandTests.run(["inspect", "\(Self.golden)/two_branch_initial.h5"])
        #expect(initial.stdout.contains("│ input_layer_1       │") && initial.stdout.contains("Not compiled"))
    }

    /// Bad requests end with exit status 1 and a message naming the problem — never a trap (a signal).
    @Test func badInputIsAClearError() throws {
        let folder = try Self.folder("bad-network-input")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mlp = "\(Self.golden)/residual_mlp.h5"
        let cnn = "\(Self.golden)/residual_cnn.h5"
        func dataFile(_ name: String, _ body: (HDF5Group) throws -> Void) throws -> String {
            let path = folder + "/" + name
            try HDF5File.writeAtomically(to: path) { try body(try $0.root) }
            return path
        }
        let noX = try dataFile("no-x.h5") {
            try $0.write([Float](repeating: 0, count: 6), shape: [1, 6], to: "features")
        }
        let nan = try dataFile("nan.h5") { try $0.write([1, 2, .nan, 4, 5, 6] as [Double], shape: [1, 6], to: "X") }
        let wide = try dataFile("wide.h5") { try $0.write([Float](repeating: 0, count: 7), shape: [1, 7], to: "X") }
        let images = try dataFile("images.h5") {
            try $0.write([Float](repeating: 0, count: 64), shape: [1, 4, 16, 1], to: "X")
        }
        let strings = try dataFile("strings.h5") { try $0.writeStrings(["a"], to: "X") }
        let nanTargets = try dataFile("nan-y.h5") {
            try $0.write([Float](repeating: 0, count: 12), shape: [2, 6], to: "X")
            try $0.write([0, .nan] as [Float], shape: [2], to: "y")
        }
        let nanSamples = try dataFile("nan-x.h5") {
            try $0.write([Float](repeating: .nan, count: 12), shape: [2, 6], to: "X")
            try $0.write([0, 1] as [Float], shape: [2], to: "y")
        }
        func trainArguments(_ model: String, _ data: String, epochs: Int = 1, batchSize: Int = 8) -> [String] {
            [
                "train", "--model", model, "--data", data, "--epochs", "\(epochs)", "--batch-size=\(batchSize)",
                "--output", folder + "/o.h5"
            ]
        }
        let good = folder + "/good.h5"
        try Self.writeData(try Self.reference("residual_mlp"), to: good)
        let estimator = folder + "/estimator.h5"
        let train = folder + "/train.csv"
        try Self.generate("make-classification", samples: 30, features: 4, seed: 1, to: train)
        #expect(
            try GeneratorCommandTests.run([
                "fit", "--model", "logistic-regression", "--train", train, "--output", estimator
            ])
            .status == 0)
        let start = try Self.compiledStart("residual_mlp", in: folder)
        let cases: [([String], [String])] = [
            (["predict", "--model", mlp, "--input", noX], ["no dataset X"]),
            (["predict", "--model", mlp, "--input", nan], ["non-finite"]),
            (["predict", "--model", mlp, "--input", wide], ["X samples of shape [6]", "got [7]"]),
            (["predict", "--model", mlp, "--input", train], ["6 feature columns", "got 4"]),
            (["predict", "--model", cnn, "--input", images], ["samples of shape [8, 8, 1]", "[4, 16, 1]"]),
            (["predict", "--model", mlp, "--input", strings], ["holds string"]),
            (["predict", "--model", noX, "--input", train], ["is not a model"]),
            (trainArguments(estimator, train), ["LogisticRegression is not a network"]),
            (
                trainArguments("\(Self.golden)/residual_mlp_initial.h5", nan),
                ["a compiled network", "training_config"]
            ),
            (trainArguments(start, wide), ["X samples of shape [6]", "got [7]"]),
            (trainArguments(start, noX), ["no dataset X"]),
            (trainArguments(start, nan), ["no targets", "dataset y"]),
            (trainArguments(start, train), ["6 feature columns", "got 4"]),
            (trainArguments(start, nanTargets), ["non-finite input in swiftlearn targets"]),
            (trainArguments(start, nanSamples), ["non-finite input in Model.fit"]),
            (trainArguments(start, good, epochs: 0), ["epochs", "at least 1"]),
            (trainArguments(start, good, batchSize: -1), ["batchSize", "at least 1"]),
            (trainArguments(start, good) + ["--validation-split", "1.5"], ["validationSplit"]),
            (trainArguments(start, good) + ["--seed=-3"], ["seed", "-3"])
        ]
        for (arguments, fragments) in cases {
            let run = try GeneratorCommandTests.run(arguments)
            #expect(run.status == 1, "\(arguments): status \(run.status), \(run.stderr)")
            for fragment in fragments {
                #expect(run.stderr.contains(fragment), "\(arguments): \(run.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/o.h5"))
    }
}
