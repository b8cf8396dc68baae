import Foundation
import LearnCore
import LearnTestSupport
import Testing

@testable import LearnMetrics

/// The edge cases where SwiftLearn used to answer with another number than scikit-learn's
/// (`Resources/metric_edge_cases.json`, `Benchmarks/Reference/metric_edge_cases.py`). The rule: scikit-learn's
/// number, or a `LearnError` where scikit-learn raises or returns NaN.
@Suite struct MetricEdgeCaseTests {
    static let cases: JSONValue? = {
        guard
            let url = Bundle.module.url(
                forResource: "metric_edge_cases", withExtension: "json", subdirectory: "Resources"),
            let root = try? JSONValue.load(url)
        else { return nil }
        return try? root.member("cases")
    }()

    static func reference(_ name: String) throws -> (inputs: JSONValue, result: JSONValue?) {
        let all = try #require(cases)
        let entry = try #require(all[name])
        return (try entry.member("inputs"), entry["result"])
    }

    /// scikit-learn raised or returned NaN: SwiftLearn must throw.
    static func expectRefused(_ name: String, _ body: () throws -> Void) throws {
        let (_, result) = try reference(name)
        if let result, case .string("nan") = result {
        } else {
            #expect(result == nil, "\(name): scikit-learn answers here, so SwiftLearn must too")
        }
        #expect(throws: LearnError.self, "\(name)") { try body() }
    }

    @Test func zeroWeightSamplesLeaveTheROCCurve() throws {
        let (inputs, result) = try Self.reference("roc_curve_zero_weights")
        let (y, s, w) = (
            try inputs.member("y_true").ints(), try inputs.member("y_score").doubles(),
            try inputs.member("sample_weight").doubles()
        )
        let curve = try rocCurve(y, s, sampleWeight: w)
        let expected = try #require(result).array()
        let (fpr, tpr) = (try expected[0].doubles(), try expected[1].doubles())
        #expect(curve.fpr == fpr && curve.tpr == tpr)
        let thresholds = try expected[2].doubles()
        #expect(curve.thresholds == thresholds)
        let area = try #require(try Self.reference("roc_auc_zero_weights").result).double()
        expectClose(try rocAucScore(y, s, sampleWeight: w), area, tolerance: 1e-12, "AUC, float64 sums")
    }

    @Test func oneVsRestClassesWithoutWeight() throws {
        let (inputs, result) = try Self.reference("ovr_weighted_zero_weight_class")
        let y = try inputs.member("y_true").ints()
        let p = try Matrix<Double>(try inputs.member("y_score").array().map { try $0.doubles() })
        let w = try inputs.member("sample_weight").doubles()
        let weighted = try rocAucScore(y, p, average: .weighted, sampleWeight: w)
        expectClose(weighted, try #require(result).double(), tolerance: 1e-12, "weighted OvR, float64 sums")
        try Self.expectRefused("ovr_macro_zero_weight_class") {
            _ = try rocAucScore(y, p, average: .macro, sampleWeight: w)
        }
    }

    @Test func binaryTargetsTakeOneScoreColumn() throws {
        let (inputs, _) = try Self.reference("ovr_binary_two_columns")
        let p = try Matrix<Double>(try inputs.member("y_score").array().map { try $0.doubles() })
        try Self.expectRefused("ovr_binary_two_columns") { _ = try rocAucScore(try inputs.member("y_true").ints(), p) }
    }

    @Test func continuousLabelsAreNotClasses() throws {
        try Self.expectRefused("accuracy_continuous_labels") { _ = try accuracyScore([0.5, 1.0], [0.5, 1.0]) }
        let whole = try #require(try Self.reference("accuracy_whole_float_labels").result).double()
        #expect(try accuracyScore([0.0, 1.0, 1.0], [0.0, 1.0, 0.0]) == whole)
        for metric in [
            { _ = try confusionMatrix([0.0, 1.0], [0.25, 1.0]) }, { _ = try f1Score([0.0, 1.5], [0.0, 1.0]) },
            { _ = try rocAucScore([0.0, 0.5], [0.2, 0.8]) }, { _ = try accuracyScore([Float(0), .nan], [0, 1]) }
        ] as [() throws -> Void] {
            #expect(throws: LearnError.self) { try metric() }
        }
    }

    @Test func r2NeedsTwoSamples() throws {
        try Self.expectRefused("r2_one_sample") { _ = try r2Score([1.0], [2.0]) }
        #expect(try r2Score([1.0, 2.0], [1.0, 2.0]) == 1)
    }

    @Test func confusionMatrixLabelsMustMeetYTrue() throws {
        try Self.expectRefused("confusion_matrix_no_label_in_y_true") {
            _ = try confusionMatrix([0, 1], [0, 1], labels: [5])
        }
        #expect(try confusionMatrix([0, 1], [0, 1], labels: [1, 5]) == [[1, 0], [0, 0]])
    }

    @Test func extraTargetNamesWithLabelsAreDropped() throws {
        let (_, result) = try Self.reference("classification_report_extra_target_names")
        let report = try classificationReport([0, 1, 1], [0, 1, 0], labels: [0, 1], targetNames: ["a", "b", "c"])
        #expect(report.description == (try #require(result).string()))
        try Self.expectRefused("classification_report_extra_target_names_without_labels") {
            _ = try classificationReport([0, 1, 1], [0, 1, 0], targetNames: ["a", "b", "c"])
        }
    }
}
