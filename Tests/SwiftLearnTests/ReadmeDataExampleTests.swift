import Foundation
import SwiftLearn
import Testing

/// The README's "The same data as scikit-learn" program, against the umbrella module.
@Suite struct ReadmeDataExampleTests {
    @Test func theReadmeDataProgramGivesScikitLearnsNumbers() throws {
        let (X, y) = try makeClassification(nSamples: 1000, nFeatures: 20, nClasses: 2, randomState: 42)
        #expect(Array(y.prefix(10)) == [1, 0, 1, 1, 0, 0, 1, 0, 1, 0])
        #expect(X.shape == [1000, 20])

        let split = try trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y)
        #expect(Array(split.testIndices.prefix(4)) == [824, 614, 469, 122])

        var rng = RandomState(seed: 42)
        #expect(rng.randomSample() == 0.3745401188473625)
        #expect(try rng.permutation(5).sorted() == [0, 1, 2, 3, 4])

        let iris = try loadIris()
        #expect(iris.data.shape == [150, 4] && iris.targetNames == ["setosa", "versicolor", "virginica"])

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeCSV(X, labels: y, to: path)
        let back = try readCSV(from: path, targetColumn: "y")
        #expect(try back.data == X && back.integerTarget() == y)
    }
}
