import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnTestSupport
import Testing

@testable import LearnNeural

/// Frozen layers and named weights: a trained network is loaded, its head replaced, its base frozen and
/// trained on a new task; the base stays bit for bit, in memory and through a saved file.
@Suite struct TransferLearningTests {
    static let baseNames = ["dense", "batch_normalization", "dense_1"]

    /// A base network trained on a three-class task and saved, as a user would start.
    static func savedBase(in folder: URL) throws -> String {
        let (x, y) = try makeClassification(nSamples: 120, nFeatures: 6, nInformative: 4, nClasses: 3, randomState: 1)
        var net = Sequential(randomState: 2) {
            Dense(8, activation: .relu)
            BatchNormalization()
            Dense(6, activation: .relu)
            Dense(3, activation: .softmax)
        }
        net.compile(optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy)
        try net.fit(x, y, epochs: 3, batchSize: 16, verbose: 0)
        let path = folder.appendingPathComponent("base.h5").path
        try net.save(to: path)
        return path
    }

    @Test func freezeTheBaseAddAHeadTrain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transfer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var net = try Sequential.load(from: try Self.savedBase(in: folder))
        net.pop()
        try net.add(Dense(2, activation: .softmax))
        #expect(net.layers.map(\.name) == Self.baseNames + ["dense_2"])
        try net.setTrainable(false, layers: Self.baseNames)
        // The file keeps the rate in float32, as Keras does: start from that rate so the runs compare exactly.
        net.compile(
            optimizer: Adam(learningRate: Double(Float(0.05))), loss: .sparseCategoricalCrossentropy,
            metrics: [.accuracy])
        let headCount = 6 * 2 + 2
        #expect(net.trainableParameterCount == headCount)
        let frozen = try net.weightNames().filter { !$0.hasPrefix("dense_2/") }.map { ($0, try net.weight(named: $0)) }
        #expect(frozen.count == 8) // two Dense layers' kernel and bias, BatchNormalization's four
        let head = try net.weight(named: "dense_2/kernel")
        let (x, y) = try makeClassification(nSamples: 90, nFeatures: 6, nInformative: 4, randomState: 5)
        let history = try net.fit(x, y, epochs: 8, batchSize: 16, verbose: 0)
        for (name, before) in frozen { #expect(try net.weight(named: name) == before, "\(name) moved") }
        #expect(try net.weight(named: "dense_2/kernel") != head)
        #expect(history["loss"].last! < history["loss"].first!)
        // Slots for the head alone.
        #expect(net.optimizer?.slot("momentum")?.count == headCount)

        // The file keeps what is frozen; Keras' optimizer variables are the head's only.
        let path = folder.appendingPathComponent("tuned.h5").path
        try net.save(to: path)
        let optimizerNames = try HDF5File.open(path).root.group("optimizer_weights").attribute("weight_names")
        guard case .strings(let names) = optimizerNames else { throw LearnError.emptyInput(operation: "names") }
        #expect(names.count == 2 + 2 * 2 && names.allSatisfy { !$0.contains("_dense_kernel") })
        var reloaded = try Sequential.load(from: path)
        #expect(
            Self.baseNames.allSatisfy { !reloaded.isTrainable(layer: $0) } && reloaded.isTrainable(layer: "dense_2"))
        #expect(reloaded.optimizer?.slot("velocity") == net.optimizer?.slot("velocity"))
        // Training goes on from the file exactly as in memory.
        var continued = net
        try continued.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        try reloaded.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        #expect(reloaded.parameters == continued.parameters)

        // Unfrozen again, every layer trains.
        try reloaded.setTrainable(true)
        reloaded.compile(optimizer: SGD(learningRate: 0.1), loss: .sparseCategoricalCrossentropy)
        try reloaded.fit(x, y, epochs: 1, batchSize: 16, verbose: 0)
        #expect(try reloaded.weight(named: "dense/kernel") != frozen[0].1)
    }

    /// A frozen layer of a functional model keeps its weights while the rest trains.
    @Test func frozenLayersOfAFunctionalModel() throws {
        var (model, reference) = try ModelTrainingTests.kerasStart("residual_cnn")
        try model.setTrainable(false, layers: ["conv2d", "batch_normalization"])
        try KerasFunctionalModels.compile(&model, "residual_cnn")
        let before = try ["conv2d/kernel", "batch_normalization/moving_mean", "conv2d_1/kernel"].map {
            try model.weight(named: $0)
        }
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try ModelTrainingTests.targets(model, try reference.member("y"))
        try model.fit(x, y, epochs: 1, batchSize: 8, shuffle: false, verbose: 0)
        #expect(try model.weight(named: "conv2d/kernel") == before[0])
        #expect(try model.weight(named: "batch_normalization/moving_mean") == before[1]) // inference mode
        #expect(try model.weight(named: "conv2d_1/kernel") != before[2])
    }

    /// `excludeFromWeightDecay(varNames:)`: excluded weights step as without decay, the others as with it
    /// (one step from the same weights, so the comparisons are exact); with a frozen layer too.
    @Test(arguments: [false, true])
    func weightDecayExclusionsSkipNamedWeights(freezeFirst: Bool) throws {
        let x = try Matrix<Double>([[0.2, -1, 0.5], [1, 0.3, -0.2], [-0.7, 0.1, 0.9], [0.4, 0.4, -1]])
        let y = [0, 1, 1, 0]
        func stepped(decay: Double?, excluding names: [String]) throws -> Sequential {
            var net = Sequential(randomState: 4) {
                Dense(4, activation: .tanh)
                Dense(1, activation: .sigmoid)
            }
            try net.build(inputShape: [3])
            // Non-zero biases, so that decaying them would show.
            try net.setWeight(named: "dense/bias", to: try Tensor(shape: [4], scalars: [0.3, -0.2, 0.1, 0.4]))
            try net.setWeight(named: "dense_1/bias", to: try Tensor(shape: [1], scalars: [0.5]))
            if freezeFirst { try net.setTrainable(false, layers: ["dense"]) }
            var adam = Adam(learningRate: 0.1, weightDecay: decay)
            adam.excludeFromWeightDecay(varNames: names)
            net.compile(optimizer: adam, loss: .binaryCrossentropy)
            try net.trainOnBatch(x, y)
            return net
        }
        let (excluded, decayed, plain) = (
            try stepped(decay: 0.5, excluding: ["bias"]), try stepped(decay: 0.5, excluding: []),
            try stepped(decay: nil, excluding: [])
        )
        for name in excluded.weightNames() {
            let value = try excluded.weight(named: name)
            let reference = name.hasSuffix("bias") ? plain : decayed
            #expect(value == (try reference.weight(named: name)), "\(name)")
        }
        #expect(try decayed.weight(named: "dense_1/kernel") != plain.weight(named: "dense_1/kernel"))
        #expect(try decayed.weight(named: "dense_1/bias") != plain.weight(named: "dense_1/bias"))
    }

    @Test func namedWeightErrors() throws {
        var net = Sequential(randomState: 0) { Dense(2) }
        #expect(throws: LearnError.self) { try net.weight(named: "dense/kernel") } // not built
        try net.build(inputShape: [3])
        #expect(net.weightNames() == ["dense/kernel", "dense/bias"])
        #expect(throws: LearnError.self) { try net.weight(named: "dense/gamma") }
        #expect(throws: LearnError.self) {
            try net.setWeight(named: "dense/bias", to: try Tensor(shape: [3], scalars: [0, 0, 0]))
        }
        #expect(throws: LearnError.self) { try net.setTrainable(false, layers: ["nope"]) }
        try net.setWeight(named: "dense/bias", to: try Tensor(shape: [2], scalars: [1, 2]))
        #expect(Array(net.parameters.suffix(2)) == [1, 2])
        #expect(throws: LearnError.self) { try net.add(Conv2D(2, kernelSize: 3)) } // a Dense output is not an image
        #expect(net.layers.count == 1)
    }
}
