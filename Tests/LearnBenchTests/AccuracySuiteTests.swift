import Foundation
import LearnBench
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The accuracy suite's data, reports and verdict. Its models' numbers are the suite's own business
/// (`make test` runs `swiftlearn bench accuracy --quick`); here the datasets are checked against the
/// committed scikit-learn results through LogisticRegression, whose optimum is unique: same data, same
/// split and scaling give scikit-learn's metrics exactly.
@Suite struct AccuracySuiteTests {
    @Test func datasetsAndSplitsReproduceScikitLearns() throws {
        let report = try AccuracySuite(quick: true, modelFilter: "LogisticRegression").run()
        #expect(
            report.results.map(\.dataset) == [
                "seed-article", "moons", "circles", "blobs", "iris", "wine", "breast-cancer", "digits"
            ])
        for row in report.results {
            let reference = try #require(row.reference, "\(row.dataset) has a scikit-learn reference")
            #expect(reference.library == "scikit-learn")
            for key in ["accuracy", "precision_macro", "recall_macro", "f1_macro"] {
                #expect(
                    abs((row.metrics[key] ?? .nan) - (reference.metrics[key] ?? .nan)) < 1e-9, "\(row.dataset) \(key)")
            }
            #expect(
                abs((row.cvAccuracy ?? .nan) - (reference.cvAccuracy ?? .nan)) < 1e-9,
                "\(row.dataset) cross-validated accuracy")
        }
        #expect(report.failures.isEmpty)
        let regression = try AccuracySuite(quick: true, datasetFilter: "regression").run()
        #expect(regression.results.map(\.model) == ["LinearRegression", "Ridge", "SGDRegressor"])
        let ols = try #require(regression.results.first)
        #expect(ols.nTrain == 800 && ols.nTest == 200 && abs(ols.score - (ols.reference?.metrics["r2"] ?? .nan)) < 1e-9)
    }

    static func row(_ model: String, _ score: Double, reference: Double) -> AccuracyResult {
        AccuracyResult(
            dataset: "iris", model: model, task: .classification, nTrain: 120, nTest: 30,
            metrics: ["accuracy": score, "f1_macro": score],
            fitSeconds: 0.01, predictSeconds: 0.001,
            reference: AccuracyReference(library: "scikit-learn", version: "1.9.1", metrics: ["accuracy": reference]))
    }

    @Test func theVerdictUsesEachModelsTolerance() throws {
        let passing = AccuracyReport(
            version: "test", quick: true,
            results: [
                Self.row("LogisticRegression", 0.92, reference: 0.925),
                Self.row("MLP", 0.90, reference: 0.915)
            ])
        #expect(passing.failures.isEmpty && passing.verdict.hasPrefix("All 2 rows"))
        let failing = AccuracyReport(
            version: "test", quick: true,
            results: [
                Self.row("LogisticRegression", 0.90, reference: 0.92),
                Self.row("MLP", 0.89, reference: 0.915)
            ])
        #expect(failing.failures.map(\.model) == ["LogisticRegression", "MLP"])
        #expect(failing.verdict.hasPrefix("FAILED: LogisticRegression on iris is 0.0200 below its reference"))
        let json = try #require(try JSONSerialization.jsonObject(with: failing.jsonData()) as? [String: Any])
        #expect(json["suite"] as? String == "accuracy")
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(
            Set(rows[0].keys).isSuperset(of: [
                "dataset", "model", "task", "n_train", "n_test", "metrics", "fit_seconds", "predict_seconds",
                "reference"
            ]))
        #expect(Set((rows[0]["reference"] as? [String: Any] ?? [:]).keys).isSuperset(of: ["library", "metrics"]))
        let table = failing.table().split(separator: "\n")
        #expect(
            table[0].hasPrefix("dataset") && table[2].contains("scikit-learn 0.9200") && table[2].contains("-0.0200"))
        #expect(failing.markdown().contains("| iris | MLP | 120/30 | 0.8900 |"))
    }

    @Test func theChartIsWellFormedSVG() throws {
        let report = AccuracyReport(
            version: "test", quick: true,
            results: [
                Self.row("LogisticRegression", 0.9, reference: 0.95),
                Self.row("MLP <&>", 0.5, reference: 0.6)
            ])
        let svg = BarChart(report: report).svg()
        let document = try XMLDocument(xmlString: svg)
        #expect(document.rootElement()?.name == "svg")
        // The background, the legend's two swatches, 2 × 2 bars.
        #expect((try document.nodes(forXPath: "//*[local-name()='rect']")).count == 1 + 2 + 4)
        #expect(svg.contains("iris · MLP &lt;&amp;&gt;") && svg.contains(">0.900<") && svg.contains(">0.950<"))
    }
}
