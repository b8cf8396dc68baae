import Foundation
import SwiftLearn
import Testing

/// DESIGN §4's first program, exactly as written there (files go to a temporary folder).
/// Where the end-to-end tests leave files for the interop checks (`SWIFTLEARN_INTEROP_DIR`).
enum InteropFiles {
    static func path(_ name: String) -> String {
        let folder = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = (folder as NSString).appendingPathComponent(name)
        try? FileManager.default.removeItem(atPath: target)
        return target
    }
}

@Suite struct ContractProgramTests {
    @Test func theClassicalHalfOfTheFirstProgramRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelPath = folder.appendingPathComponent("model.h5").path

        // The same data as scikit-learn's make_classification(n_samples=1000, n_features=20, random_state=42).
        let (X, y) = try makeClassification(nSamples: 1000, nFeatures: 20, nClasses: 2, randomState: 42)

        // train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
        let split = try trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y)

        var scaler = StandardScaler()
        let xTrain = try scaler.fitTransform(split.xTrain)
        let xTest = try scaler.transform(split.xTest)

        var model = LogisticRegression(C: 1.0, maxIter: 1000)
        try model.fit(xTrain, split.yTrain)
        let yPred = try model.predict(xTest)
        print(
            try accuracyScore(split.yTest, yPred), try recallScore(split.yTest, yPred), try f1Score(split.yTest, yPred))
        print(try classificationReport(split.yTest, yPred))

        try model.save(to: modelPath)
        let reloaded = try LogisticRegression.load(from: modelPath)
        let again = try reloaded.predict(xTest)
        #expect(again == yPred)

        // Every hyper-parameter is also a var property (the Swift form of set_params).
        model.tol = 1e-10
        #expect(model.parameters["tol"] == .double(1e-10))
        #expect(
            X[0, 0] == split.xTrain[split.trainIndices.firstIndex(of: 0) ?? 0, 0] || !split.trainIndices.contains(0))
        // The seed article's Keras network, in Swift.
        var net = Sequential {
            Dense(1024, activation: .relu)
            Dropout(0.5)
            Dense(512, activation: .relu)
            Dropout(0.5)
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.001), loss: .binaryCrossentropy, metrics: [.accuracy])
        let history = try net.fit(
            xTrain, split.yTrain, epochs: 10, batchSize: 32, validationSplit: 0.2,
            callbacks: [EarlyStopping(monitor: .valLoss, patience: 3)])
        print(history)
        print(try net.evaluate(xTest, split.yTest))
        let networkPath = folder.appendingPathComponent("my_model.h5").path
        try net.save(to: networkPath)
        let restored = try Sequential.load(from: networkPath)
        #expect(try restored.predict(xTest) == net.predict(xTest))
        #expect(try (net.evaluate(xTest, split.yTest)["accuracy"] ?? 0) > 0.8)
        #expect(history.epoch.count >= 4 && history.history["val_loss"]?.count == history.epoch.count)
        try FileManager.default.copyItem(atPath: networkPath, toPath: InteropFiles.path("my_model.h5"))
        let probe = try xTest.rows(in: 0..<20)
        let probeJSON: [String: Any] = [
            "input": (0..<probe.rows).map { try! probe.row($0) }, "predictions": try net.predict(probe).scalars
        ]
        try JSONSerialization.data(withJSONObject: probeJSON).write(
            to: URL(fileURLWithPath: InteropFiles.path("my_model_predictions.json")))

        // scikit-learn 1.9.1 prints 0.885 0.88 0.8844221105527639 for the same pipeline.
        #expect(try accuracyScore(split.yTest, yPred) == 0.885)
        #expect(try recallScore(split.yTest, yPred) == 0.88)
        #expect(abs(try f1Score(split.yTest, yPred) - 0.8844221105527639) < 1e-15)
    }
}
