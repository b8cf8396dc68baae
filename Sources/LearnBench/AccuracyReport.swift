import Foundation

/// One row of the accuracy suite (DESIGN §6 JSON contract): a model on a dataset, with its reference.
public struct AccuracyResult: Codable, Sendable {
    /// Dataset name (`iris`, `binary-100k`, …).
    public var dataset: String
    /// Model name (`LogisticRegression`, `MLP`, …).
    public var model: String
    /// `classification` or `regression`.
    public var task: AccuracyTask
    /// Training rows.
    public var nTrain: Int
    /// Test rows.
    public var nTest: Int
    /// Test metrics: `accuracy`, `precision_macro`, `recall_macro`, `f1_macro` — or `r2`, `mse`.
    public var metrics: [String: Double]
    /// Seconds to fit (mean over seeds for networks).
    public var fitSeconds: Double
    /// Seconds to predict the test rows.
    public var predictSeconds: Double
    /// 5-fold cross-validated accuracy on the training rows (small sets, classical models).
    public var cvAccuracy: Double?
    /// Seeds averaged (networks on small sets).
    public var seeds: [Int]?
    /// scikit-learn's or Keras' numbers on the same data.
    public var reference: AccuracyReference?

    /// A row.
    public init(
        dataset: String, model: String, task: AccuracyTask, nTrain: Int, nTest: Int, metrics: [String: Double],
        fitSeconds: Double,
        predictSeconds: Double, cvAccuracy: Double? = nil, seeds: [Int]? = nil, reference: AccuracyReference? = nil
    ) {
        (self.dataset, self.model, self.task, self.nTrain, self.nTest, self.metrics) = (
            dataset, model, task, nTrain, nTest, metrics
        )
        (self.fitSeconds, self.predictSeconds, self.cvAccuracy, self.seeds, self.reference) = (
            fitSeconds, predictSeconds, cvAccuracy, seeds, reference
        )
    }

    enum CodingKeys: String, CodingKey {
        case dataset, model, task, metrics, seeds, reference
        case nTrain = "n_train"
        case nTest = "n_test"
        case fitSeconds = "fit_seconds"
        case predictSeconds = "predict_seconds"
        case cvAccuracy = "cv_accuracy"
    }

    /// The headline score: accuracy, or R² for regression.
    public var score: Double { metrics[task == .regression ? "r2" : "accuracy"] ?? .nan }

    /// Ours minus the reference's headline score.
    public var difference: Double? {
        reference.map { score - ($0.metrics[task == .regression ? "r2" : "accuracy"] ?? .nan) }
    }
}

/// The reference side of a row.
public struct AccuracyReference: Codable, Sendable {
    /// `scikit-learn` or `keras`.
    public var library: String
    /// The library's version.
    public var version: String?
    /// Its test metrics.
    public var metrics: [String: Double]
    /// Its fit seconds (recorded when the reference was made, on the machine named in the reference file).
    public var fitSeconds: Double?
    /// Its 5-fold cross-validated accuracy.
    public var cvAccuracy: Double?

    /// A reference.
    public init(
        library: String, version: String?, metrics: [String: Double], fitSeconds: Double? = nil,
        cvAccuracy: Double? = nil
    ) {
        (self.library, self.version, self.metrics, self.fitSeconds, self.cvAccuracy) = (
            library, version, metrics, fitSeconds, cvAccuracy
        )
    }

    enum CodingKeys: String, CodingKey {
        case library, version, metrics
        case fitSeconds = "fit_seconds"
        case cvAccuracy = "cv_accuracy"
    }
}

/// The accuracy suite's output.
public struct AccuracyReport: Codable, Sendable {
    /// Always `"accuracy"`.
    public var suite = "accuracy"
    /// SwiftLearn's version.
    public var version: String
    /// Whether this was the `--quick` subset.
    public var quick: Bool
    /// The rows, dataset by dataset.
    public var results: [AccuracyResult]

    /// A report.
    public init(version: String, quick: Bool, results: [AccuracyResult]) {
        (self.version, self.quick, self.results) = (version, quick, results)
    }

    /// Rows more than their model's tolerance below the reference (accuracy, or R² for regression).
    public var failures: [AccuracyResult] {
        results.filter { row in
            guard let difference = row.difference, let model = AccuracyModel(rawValue: row.model) else { return false }
            return !(difference >= -model.tolerance)
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The columns of the table and the Markdown report.
    private func cells(_ row: AccuracyResult) -> [String] {
        func number(_ value: Double?, _ digits: Int = 4) -> String {
            value.map { String(format: "%.\(digits)f", $0) } ?? "—"
        }
        let headline = row.task == .regression ? "r2" : "accuracy"
        let secondary = row.task == .regression ? number(row.metrics["mse"], 2) : number(row.metrics["f1_macro"])
        return [
            row.dataset, row.model, "\(row.nTrain)/\(row.nTest)", number(row.metrics[headline]), secondary,
            number(row.cvAccuracy), number(row.fitSeconds, 3),
            row.reference.map { "\($0.library) \(number($0.metrics[headline]))" } ?? "—",
            row.difference.map { String(format: "%+.4f", $0) } ?? "—", number(row.reference?.fitSeconds, 3)
        ]
    }

    private static let headers = [
        "dataset", "model", "train/test", "acc/R²", "F1/MSE", "cv acc", "fit s", "reference", "diff", "ref fit s"
    ]

    /// An aligned text table, one row per dataset × model, with the verdict.
    public func table() -> String {
        let rows = [Self.headers] + results.map(cells)
        let widths = Self.headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined()
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) + "  " }.joined(), at: 1)
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }

    /// A Markdown table with the same columns.
    public func markdown() -> String {
        var lines = [
            "| " + Self.headers.joined(separator: " | ") + " |",
            "|" + String(repeating: " --- |", count: Self.headers.count)
        ]
        lines += results.map { "| " + cells($0).joined(separator: " | ") + " |" }
        return
            ([
                "# SwiftLearn accuracy suite", "",
                "SwiftLearn \(version)\(quick ? ", quick subset" : ""). Accuracy (R² for regression) on the test rows;",
                "the reference is scikit-learn for the classical models and Keras for `MLP`, on identical data.", ""
            ]
            + lines + ["", verdict]).joined(separator: "\n") + "\n"
    }

    /// `All N rows within tolerance of their reference.` or the rows that are not.
    public var verdict: String {
        let failing = failures
        guard !failing.isEmpty else {
            return "All \(results.count) rows are within tolerance of their reference (0.01 classical, 0.02 networks)."
        }
        return "FAILED: "
            + failing.map {
                "\($0.model) on \($0.dataset) is \(String(format: "%.4f", -($0.difference ?? 0))) below its reference"
            }
            .joined(separator: "; ")
    }
}
