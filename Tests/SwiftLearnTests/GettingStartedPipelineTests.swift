import SwiftLearn
import Testing

/// The preprocessing and metrics snippets of `Docs/GettingStarted.md`, through the umbrella module.
@Suite struct GettingStartedPipelineTests {
    @Test func preprocessingSnippetRuns() throws {
        let (X, y) = try makeClassification(nSamples: 200, nFeatures: 5, randomState: 7)
        let split = try trainTestSplit(X, y, testSize: 0.25, randomState: 1, stratify: y)
        var scaler = StandardScaler()
        let xTrain = try scaler.fitTransform(split.xTrain)
        let xTest = try scaler.transform(split.xTest)
        for mean in try xTrain.mean(axis: 0) { #expect(abs(mean) < 1e-12) }
        #expect(xTest.shape == [50, 5])
        var labels = LabelEncoder<String>()
        #expect(try labels.fitTransform(["paris", "tokyo", "paris"]) == [0, 1, 0])
        var oneHot = OneHotEncoder<String>(handleUnknown: .ignore)
        #expect(try oneHot.fitTransform([["red", "S"], ["green", "M"]]).shape == [2, 4])
    }

    @Test func metricsSnippetRuns() throws {
        let yTrue = [0, 1, 1, 0, 1, 1], yPred = [0, 1, 0, 0, 1, 1]
        let scores = [0.1, 0.9, 0.4, 0.2, 0.8, 0.7]
        #expect(try accuracyScore(yTrue, yPred) == 5.0 / 6.0)
        #expect(try precisionScore(yTrue, yPred) == 1)
        #expect(try recallScore(yTrue, yPred) == 0.75)
        #expect(try confusionMatrix(yTrue, yPred) == [[2, 0], [1, 3]])
        #expect(try rocAucScore(yTrue, scores) == 1)
        let report = try classificationReport(yTrue, yPred)
        #expect(report.description.hasPrefix("              precision    recall  f1-score   support\n\n"))
        #expect(try r2Score([1, 2, 3], [1, 2, 3]) == 1)
    }
}
