import Foundation
import LearnCore
import LearnData
import LearnSelection
import LearnTestSupport
import Testing

/// Folds and cross-validation against scikit-learn 1.9.1 (`Resources/selection_reference.json`,
/// written by `Benchmarks/Reference/selection_reference.py`).
@Suite struct CrossValidationTests {
    static func reference() throws -> JSONValue {
        let url = try #require(
            Bundle.module.url(forResource: "selection_reference", withExtension: "json", subdirectory: "Resources"))
        return try JSONValue.load(url)
    }

    @Test func foldsMatchScikitLearnExactly() throws {
        let cases = try Self.reference().member("folds").array()
        #expect(cases.count == 5)
        for c in cases {
            let name = try c.member("name").string()
            var shuffle = false
            if case .bool(true)? = c["shuffle"] { shuffle = true }
            let (n, splits, seed) = (
                try c.member("n").int(), try c.member("n_splits").int(), try c["random_state"]?.int()
            )
            let expected = try c.member("folds").array().map {
                Fold(train: try $0.member("train").ints(), test: try $0.member("test").ints())
            }
            let got: [Fold]
            if try c.member("splitter").string() == "KFold" {
                got = try KFold(nSplits: splits, shuffle: shuffle, randomState: seed).split(nSamples: n)
            } else if case let .array(labels)? = c["y"], case .string? = labels.first {
                got = try StratifiedKFold(nSplits: splits, shuffle: shuffle, randomState: seed).split(
                    nSamples: n, y: c.member("y").strings())
            } else {
                got = try StratifiedKFold(nSplits: splits, shuffle: shuffle, randomState: seed).split(
                    nSamples: n, y: c.member("y").ints())
            }
            #expect(got == expected, "\(name)")
        }
    }

    @Test func crossValScoreMatchesScikitLearnForAClassifier() throws {
        let ref = try Self.reference().member("cross_validation").member("classification")
        let (X, y) = try makeClassification(nSamples: 120, nFeatures: 6, nInformative: 3, nClasses: 3, randomState: 0)
        let model = NearestCentroidDouble()
        #expect(try crossValScore(model, X, y, cv: 5) == ref.member("accuracy_cv5").doubles())
        let f1 = try crossValScore(model, X, y, cv: 5, scoring: .f1Macro)
        let expectedF1 = try ref.member("f1_macro_cv5").doubles()
        #expect(zip(f1, expectedF1).allSatisfy { abs($0 - $1) <= 1e-12 } && f1.count == 5)
        #expect(
            try crossValScore(model, X, y, cv: KFold(nSplits: 4, shuffle: true, randomState: 1), scoring: .accuracy)
                == ref.member("accuracy_kfold4_shuffle_rs1").doubles())
    }

    @Test func crossValidateMatchesScikitLearnForARegressor() throws {
        let ref = try Self.reference().member("cross_validation").member("regression")
        let (X, y, _) = try makeRegression(nSamples: 60, nFeatures: 4, noise: 1.0, randomState: 0)
        let model = LinearRegressionDouble()
        // Scores of the same fits as scikit-learn's, summed in other orders: 1e-12 relative.
        func close(_ a: [Double], _ b: [Double]) -> Bool { isClose(a, b, tolerance: 1e-12) }
        #expect(close(try crossValScore(model, X, y, cv: 5), try ref.member("r2_cv5").doubles()))
        let result = try crossValidate(model, X, y, cv: 5, scoring: [.r2, .negMeanSquaredError], returnTrainScore: true)
        #expect(close(result.testScores["r2"] ?? [], try ref.member("test_r2").doubles()))
        #expect(close(result.trainScores?["r2"] ?? [], try ref.member("train_r2").doubles()))
        #expect(
            close(
                result.testScores["neg_mean_squared_error"] ?? [],
                try ref.member("test_neg_mean_squared_error").doubles()))
        #expect(result.fitTime.count == 5 && result.scoreTime.allSatisfy { $0 >= 0 })
    }

    @Test func badSplitsThrow() throws {
        #expect(throws: LearnError.invalidParameter(name: "nSplits", expected: "at least 2 folds in KFold", got: "1")) {
            try KFold(nSplits: 1).split(nSamples: 10)
        }
        #expect(throws: LearnError.self) { try KFold(nSplits: 11).split(nSamples: 10) }
        #expect(throws: LearnError.self) { try KFold(nSplits: 3, randomState: 4).split(nSamples: 10) }
        #expect(throws: LearnError.self) { try StratifiedKFold().split(nSamples: 10) }
        #expect(
            throws: LearnError.invalidParameter(
                name: "nSplits", expected: "at most the size of the largest class (2)", got: "3")
        ) {
            try StratifiedKFold(nSplits: 3).split(nSamples: 4, y: [0, 0, 1, 1])
        }
        let X = try Matrix<Double>.zeros(4, 1)
        #expect(throws: LearnError.self) { try crossValScore(NearestCentroidDouble(), X, [0, 1, 0]) }
        #expect(throws: LearnError.self) {
            try crossValidate(NearestCentroidDouble(), X, [0, 1, 0, 1], cv: 2, scoring: [])
        }
    }
}
