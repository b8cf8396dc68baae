import Foundation
import LearnCore
import LearnData
import LearnHDF5
import Testing

@testable import LearnNeural

/// Sizes, names and counts from outside (hyper-parameters, Keras files, public arguments) give a `LearnError`,
/// never a trap or a huge allocation.
@Suite struct UntrustedInputTests {
    /// The thrown error's case name (`corruptFile`) and its description, or `nil` when nothing or no
    /// `LearnError` was thrown.
    private func learnError(_ body: () throws -> Void) -> (kind: String, message: String)? {
        do { try body() } catch let error as LearnError {
            return (Mirror(reflecting: error).children.first?.label ?? "\(error)", "\(error)")
        } catch { return nil }
        return nil
    }

    private func expectError(
        _ kind: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        let error = learnError(body)
        #expect(error?.kind == kind, "got \(error.map { "\($0)" } ?? "no LearnError")", sourceLocation: sourceLocation)
        #expect(
            error?.message.contains(fragment) == true, "\(error?.message ?? "nothing") lacks \(fragment)",
            sourceLocation: sourceLocation)
    }

    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("untrusted-\(UUID().uuidString).h5").path
    }

    // MARK: 1. MLP layer sizes

    @Test func hugeHiddenLayerSizesAreRefusedBySetParameter() {
        var classifier = MLPClassifier()
        expectError("invalidParameter", "hiddenLayerSizes") {
            try classifier.setParameter("hiddenLayerSizes", .doubles([1_099_511_627_776]))
        }
        expectError("invalidParameter", "hiddenLayerSizes") {
            try classifier.setParameter("hiddenLayerSizes", .doubles([.nan]))
        }
        var regressor = MLPRegressor()
        expectError("invalidParameter", "hiddenLayerSizes") { try regressor.setParameter("hiddenLayerSizes", .int(-3)) }
        #expect(regressor.hiddenLayerSizes == [100])
    }

    @Test func hiddenLayersTooLargeForMemoryAreRefusedBeforeAllocation() throws {
        let X = try Matrix<Double>([[0, 1], [1, 0], [1, 1], [0, 0]])
        var regressor = MLPRegressor(hiddenLayerSizes: [1 << 20, 1 << 20], maxIter: 1, randomState: 0)
        expectError("resourceLimit", "MLPRegressor layer 1 weights") { try regressor.fit(X, [0, 1, 1, 0]) }
        var classifier = MLPClassifier(hiddenLayerSizes: [1 << 40], maxIter: 1, randomState: 0)
        expectError("invalidParameter", "hiddenLayerSizes") { try classifier.fit(X, [0, 1, 1, 0]) }
    }

    @Test func aSavedPerceptronWithAHugeFeatureCountIsCorrupt() throws {
        let X = try Matrix<Double>([[0, 1], [1, 0], [1, 1], [0, 0]])
        var regressor = MLPRegressor(hiddenLayerSizes: [3], maxIter: 2, randomState: 0)
        try regressor.fit(X, [0, 1, 1, 0])
        let (saved, forged) = (temporaryPath(), temporaryPath())
        defer { for path in [saved, forged] { try? FileManager.default.removeItem(atPath: path) } }
        try regressor.save(to: saved)
        // The same file with n_features_in = Int64.max.
        let source = try HDF5File.open(saved).root
        try HDF5File.writeAtomically(to: forged) { file in
            let root = try file.root
            for name in ["swiftlearn_class", "swiftlearn_format_version", "swiftlearn_version"]
                + regressor.parameters.keys.sorted()
            {
                try root.setAttribute(name, try source.attribute(name))
            }
            try root.write([Int64.max], shape: [], to: "n_features_in")
        }
        expectError("corruptFile", "n_features_in 9223372036854775807") { _ = try MLPRegressor.load(from: forged) }
    }

    // MARK: 2–3. Keras weight names and optimizer state

    private func trainedNetwork() throws -> Sequential {
        let (X, y) = try makeClassification(nSamples: 40, nFeatures: 4, randomState: 3)
        var net = Sequential(randomState: 1) {
            Dense(3, activation: .relu)
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy)
        try net.fit(X, y, epochs: 1, verbose: 0)
        return net
    }

    @Test func emptyKerasWeightNamesAreCorrupt() throws {
        let net = try trainedNetwork()
        for bad in ["", "/"] {
            let path = temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: path) }
            try net.save(to: path)
            let file = try HDF5File.open(path, writable: true)
            try file.root.group("model_weights").group("dense")
                .setAttribute("weight_names", .strings([bad, "sequential/dense/bias"]), ascii: true)
            try file.close()
            expectError("corruptFile", "empty weight name \"\(bad)\"") { _ = try Sequential.load(from: path) }
        }
    }

    @Test func outOfRangeOptimizerIterationsAreCorrupt() throws {
        let net = try trainedNetwork()
        let saved = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: saved) }
        try net.save(to: saved)
        let source = try HDF5File.open(saved).root
        for steps in [Int64.max, -1] {
            let path = temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: path) }
            try HDF5File.writeAtomically(to: path) { file in
                let root = try file.root
                for name in ["model_config", "training_config"] {
                    try root.setAttribute(name, try source.attribute(name), ascii: true)
                }
                try net.writeModelWeights(to: try root.createGroup("model_weights"))
                // The listed names of the saved file: the step count is checked before any slot is read.
                let optimizerWeights = try root.createGroup("optimizer_weights")
                try optimizerWeights.setAttribute(
                    "weight_names", try source.group("optimizer_weights").attribute("weight_names"), ascii: true)
                let adam = try optimizerWeights.createGroup("adam")
                try adam.write([steps], shape: [], to: "iteration")
                try adam.write([Float(0.01)], shape: [], to: "learning_rate")
            }
            expectError("corruptFile", "optimizer iteration \(steps) is outside") {
                _ = try Sequential.load(from: path)
            }
        }
    }

    // MARK: 4. Augmentation factors

    @Test func augmentationFactorsOutsideOneTurnOrNonFiniteAreRefused() {
        for factor in [FactorRange(-1e308, 1e308), FactorRange(.nan, .nan), FactorRange(-.infinity, .infinity), 1.5] {
            var rotation = Sequential(randomState: 0) {
                RandomRotation(factor)
                Flatten()
                Dense(1)
            }
            expectError("invalidParameter", "factor") { try rotation.build(inputShape: [4, 4, 1]) }
            var translation = Sequential(randomState: 0) {
                RandomTranslation(heightFactor: factor, widthFactor: 0.1)
                Flatten()
                Dense(1)
            }
            expectError("invalidParameter", "heightFactor") { try translation.build(inputShape: [4, 4, 1]) }
        }
    }

    // MARK: 5. Normalization.adapt

    @Test func adaptingToNoValuesIsAnEmptyInputError() throws {
        var layer = Normalization()
        expectError("emptyInput", "Normalization.adapt") {
            try layer.adapt(try Tensor<Double>(shape: [2, 0], scalars: []))
        }
        expectError("emptyInput", "Normalization.adapt") {
            try layer.adapt(try Tensor<Double>(shape: [0, 3], scalars: []))
        }
        #expect(layer.mean == nil)
    }

    // MARK: 6. Sample weights

    @Test func shortSampleWeightsAreAShapeMismatchEvenWithClassWeights() throws {
        let (X, y) = try makeClassification(nSamples: 20, nFeatures: 4, randomState: 0)
        var net = Sequential(randomState: 0) { Dense(1, activation: .sigmoid) }
        net.compile(optimizer: Adam(), loss: .binaryCrossentropy)
        expectError("shapeMismatch", "20 sample weights") {
            try net.fit(X, y, epochs: 1, classWeight: [0: 1, 1: 2], sampleWeight: [1, 1], verbose: 0)
        }
        expectError("shapeMismatch", "20 sample weights") {
            try net.fit(X, y, epochs: 1, sampleWeight: [1, 1], verbose: 0)
        }
        #expect(net.inputShape == nil)
    }

    // MARK: 7. Sizes in model_config

    /// Saves `net`, replaces `old` by `new` in its `model_config` and loads it.
    private func loadMutated(_ net: Sequential, replacing old: String, with new: String) throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try net.save(to: path)
        let file = try HDF5File.open(path, writable: true)
        guard case let .string(json) = try file.root.attribute("model_config") else {
            Issue.record("no model_config")
            return
        }
        #expect(json.contains(old))
        try file.root.setAttribute("model_config", .string(json.replacingOccurrences(of: old, with: new)), ascii: true)
        try file.close()
        _ = try Sequential.load(from: path)
    }

    @Test func hugeOrNegativeUnitsInAKerasFileAreRefused() throws {
        let net = try trainedNetwork()
        expectError("corruptFile", "9223372036854775807") {
            try loadMutated(net, replacing: "\"units\":3", with: "\"units\":9223372036854775807")
        }
        expectError("resourceLimit", "Dense dense kernel") {
            try loadMutated(net, replacing: "\"units\":3", with: "\"units\":1099511627776")
        }
        expectError("corruptFile", "units") { try loadMutated(net, replacing: "\"units\":3", with: "\"units\":-3") }
    }

    @Test func hugeBatchShapesInAKerasFileAreRefused() throws {
        let net = try trainedNetwork()
        expectError("resourceLimit", "Sequential input") {
            try loadMutated(
                net, replacing: "\"batch_shape\":[null,4]", with: "\"batch_shape\":[null,9223372036854775807]")
        }
        expectError("corruptFile", "batch shape") {
            try loadMutated(net, replacing: "\"batch_shape\":[null,4]", with: "\"batch_shape\":[null,-4]")
        }
        expectError("corruptFile", "batch shape") {
            try loadMutated(net, replacing: "\"batch_shape\":[null,4]", with: "\"batch_shape\":[null,1e30]")
        }
    }

    @Test func hugeKernelSizesAndStridesInAKerasFileAreRefused() throws {
        var net = Sequential(randomState: 0) {
            Conv2D(2, kernelSize: 3, padding: .same)
            Flatten()
            Dense(1)
        }
        try net.build(inputShape: [6, 6, 1])
        expectError("corruptFile", "9223372036854775807") {
            try loadMutated(net, replacing: "\"kernel_size\":[3,3]", with: "\"kernel_size\":[9223372036854775807,3]")
        }
        expectError("corruptFile", "9223372036854775807") {
            try loadMutated(net, replacing: "\"strides\":[1,1]", with: "\"strides\":[9223372036854775807,1]")
        }
        expectError("corruptFile", "filters") {
            try loadMutated(net, replacing: "\"filters\":2", with: "\"filters\":-2")
        }
    }

    @Test func hugePoolSizesPaddingAndTargetShapesInAKerasFileAreRefused() throws {
        var net = Sequential(randomState: 0) {
            ZeroPadding2D(1)
            MaxPooling2D(2, padding: .same)
            Reshape([18])
            Dense(1)
        }
        try net.build(inputShape: [4, 4, 2])
        let huge = "9223372036854775807"
        expectError("corruptFile", huge) {
            try loadMutated(net, replacing: "\"pool_size\":[2,2]", with: "\"pool_size\":[\(huge),2]")
        }
        expectError("corruptFile", huge) {
            try loadMutated(net, replacing: "\"padding\":[[1,1],[1,1]]", with: "\"padding\":[[\(huge),1],[1,1]]")
        }
        expectError("corruptFile", huge) {
            try loadMutated(net, replacing: "\"target_shape\":[18]", with: "\"target_shape\":[\(huge),\(huge),-1]")
        }
    }

    @Test func hugeLayersBuiltFromSwiftAreAResourceLimitError() {
        var net = Sequential(randomState: 0) { Dense(1 << 40) }
        expectError("resourceLimit", "Dense") { try net.build(inputShape: [8]) }
        var padded = Sequential(randomState: 0) { ZeroPadding2D(Int.max) }
        expectError("invalidParameter", "ZeroPadding2D") { try padded.build(inputShape: [2, 2, 1]) }
        var reshaped = Sequential(randomState: 0) { Reshape([Int.max, Int.max, -1]) }
        expectError("invalidParameter", "Reshape") { try reshaped.build(inputShape: [4]) }
    }
}
