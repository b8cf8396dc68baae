import LearnCore
import LearnMetrics
import Testing

/// Bad input to the metrics throws `LearnError` with a message that says what was wrong.
@Suite struct MetricErrorTests {
    @Test func lengthsEmptinessAndWeights() throws {
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "accuracyScore", expected: "yPred with 3 values (as many as yTrue)", got: "2")
        ) {
            try accuracyScore([1, 0, 1], [1, 0])
        }
        #expect(throws: LearnError.emptyInput(operation: "precisionRecallFscoreSupport")) {
            try f1Score([Int](), [Int]())
        }
        #expect(throws: LearnError.self) { try accuracyScore([1, 0], [1, 0], sampleWeight: [1, -1]) }
        #expect(throws: LearnError.self) { try accuracyScore([1, 0], [1, 0], sampleWeight: [1]) }
        #expect(throws: LearnError.self) { try meanSquaredError([1, .nan], [1, 2]) }
        #expect(throws: LearnError.self) { try r2Score([], []) }
        #expect(throws: LearnError.self) { try confusionMatrix([1, 2], [1, 2], labels: [1, 1]) }
    }

    @Test func binaryAveragingNeedsABinaryTarget() throws {
        #expect(
            throws: LearnError.invalidParameter(
                name: "average", expected: "micro, macro or weighted: the target is multiclass (3 labels)",
                got: "binary")
        ) {
            try precisionScore([0, 1, 2], [0, 1, 1])
        }
        #expect(throws: LearnError.invalidParameter(name: "posLabel", expected: "one of [0, 2]", got: "1")) {
            try recallScore([0, 2, 2], [0, 2, 0])
        }
        // String labels need posLabel for the binary average.
        #expect(throws: LearnError.self) { try f1Score(["a", "b"], ["a", "a"]) }
        #expect(try f1Score(["a", "b", "b"], ["a", "b", "a"], posLabel: "b") == 2.0 / 3.0)
        #expect(throws: LearnError.self) { try fbetaScore([0, 1], [0, 1], beta: -1) }
    }

    @Test func rankingAndLossErrors() throws {
        #expect(
            throws: LearnError.invalidParameter(
                name: "yTrue",
                expected: "exactly two classes for a binary ROC AUC (use the Matrix form for multiclass)", got: "1")
        ) {
            try rocAucScore([1, 1, 1], [0.2, 0.4, 0.9])
        }
        #expect(throws: LearnError.nonFiniteInput(operation: "rocAucScore")) { try rocAucScore([0, 1], [0.2, .nan]) }
        let proba = try Matrix<Double>([[0.5, 0.5], [0.2, 0.3]])
        #expect(throws: LearnError.self) { try rocAucScore([0, 1], proba) }
        #expect(throws: LearnError.self) { try rocAucScore([0, 1, 2], try Matrix<Double>([[1, 0], [0, 1], [1, 0]])) }
        #expect(throws: LearnError.invalidParameter(name: "yProba", expected: "probabilities in [0, 1]", got: "1.5")) {
            try logLoss([0, 1], try Matrix<Double>([[1.5], [0.5]]))
        }
        #expect(throws: LearnError.self) { try logLoss([1, 1], Matrix(column: [0.5, 0.5])) }
        #expect(throws: LearnError.unknownLabel("yTrue contains 7, which is not in labels [0, 1]")) {
            try logLoss([0, 7], Matrix(column: [0.5, 0.5]), labels: [0, 1])
        }
        #expect(throws: LearnError.self) { try auc([0, 1, 0.5], [0, 1, 1]) }
        #expect(throws: LearnError.self) { try rocCurve([0, 1, 2], [0.1, 0.2, 0.3]) }
        #expect(throws: LearnError.self) { try classificationReport([0, 1], [0, 1], targetNames: ["only one"]) }
    }

    @Test func reportValueAndTextAgree() throws {
        let report = try classificationReport(["cat", "dog", "dog", "fish"], ["cat", "dog", "fish", "fish"])
        #expect(report.labels == ["cat", "dog", "fish"])
        #expect(report.accuracy == 0.75)
        #expect(report.classes[1].recall == 0.5 && report.classes[2].precision == 0.5)
        #expect(report.description.contains("    accuracy                           0.75         4\n"))
    }
}
