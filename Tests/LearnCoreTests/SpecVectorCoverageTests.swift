import Foundation
import LearnTestSupport
import Testing

/// Every reference vector file is exercised, and our copies are the spec's.
@Suite struct SpecVectorCoverageTests {
    /// Each vector file and the suite that compares against it.
    static let coverage: [String: String] = [
        "mt19937_raw": "LearnCoreTests.RandomStateTests",
        "randomstate_primitives": "LearnCoreTests.RandomStateTests",
        "sample_without_replacement": "LearnCoreTests.RandomStateTests",
        "mc_article": "LearnDataTests.MakeClassificationTests",
        "mc_multiclass_weights_flip": "LearnDataTests.MakeClassificationTests",
        "mc_nohypercube": "LearnDataTests.MakeClassificationTests",
        "mc_noshuffle": "LearnDataTests.MakeClassificationTests",
        "mc_readme_1000x20": "LearnDataTests.MakeClassificationTests",
        "mc_redundant_repeated_shift_scale": "LearnDataTests.MakeClassificationTests",
        "mc_tracking_selection_hypercube": "LearnDataTests.MakeClassificationTests",
        "other_generators": "LearnDataTests.OtherGeneratorTests",
        "train_test_split": "LearnSelectionTests.TrainTestSplitTests"
    ]

    @Test func everyVectorFileHasATest() throws {
        #expect(Set(try SpecVectors.allNames()) == Set(Self.coverage.keys))
    }

    /// When the project's shared folder sits beside the checkout (as in CI), the copies must match it.
    @Test func copiesMatchTheSharedSpec() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/spec/vectors")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let ours = root.appendingPathComponent("Tests/LearnTestSupport/Vectors")
        let names = try FileManager.default.contentsOfDirectory(atPath: shared.path).filter { $0.hasSuffix(".json") }
        #expect(
            Set(names) == Set(try SpecVectors.allNames().map { $0 + ".json" }),
            "the spec has vector files we do not test")
        for name in names {
            let a = try Data(contentsOf: shared.appendingPathComponent(name))
            let b = try Data(contentsOf: ours.appendingPathComponent(name))
            #expect(a == b, "\(name) differs from shared/spec/vectors")
        }
    }
}
