import SwiftLearn
import Testing

/// Calls the guides show exactly as written (Docs/FromScikitLearn.md, Docs/Networks.md), checked against the
/// spelled-out forms they stand for.
@Suite struct DocumentedCallTests {
    @Test func splitIndicesContinueAStreamWithoutStratify() throws {
        var (a, b) = (RandomState(seed: 0), RandomState(seed: 0))
        let short = try trainTestSplitIndices(nSamples: 20, testSize: .fraction(0.25), using: &a)
        let long = try trainTestSplitIndices(nSamples: 20, testSize: .fraction(0.25), stratify: [Int]?.none, using: &b)
        #expect(short.train == long.train && short.test == long.test && short.test.count == 5)
        #expect(a.nextUInt32() == b.nextUInt32())
    }

    @Test func confusionMatrixNormalizesWithoutSampleWeights() throws {
        let (yTrue, yPred) = ([0, 0, 1, 1], [0, 1, 1, 1])
        let normalized = try confusionMatrix(yTrue, yPred, labels: [0, 1], normalize: .true)
        #expect(normalized.scalars == [0.5, 0.5, 0, 1])
        #expect(try confusionMatrix(yTrue, yPred) == [[1, 1], [0, 2]])
    }

    @Test func buildAndSummaryAsNetworksShowsThem() throws {
        var net = Sequential(randomState: 0) {
            Dense(8, activation: .relu)
            Dense(1)
        }
        try net.build(inputShape: [20])
        #expect(net.parameterCount == 20 * 8 + 8 + 8 + 1)
        #expect(try net.summary().contains("Total params: 177"))
        let clf = MLPClassifier(
            hiddenLayerSizes: [64, 32], alpha: 1e-4, maxIter: 300, randomState: 0, earlyStopping: true)
        #expect(clf.earlyStopping && clf.randomState == 0 && clf.trainingLog?.bestLoss == nil)
    }
}
