import Foundation
import LearnCore

/// scikit-learn's `classification_report` as a value: one row per class, then the averages.
public struct ClassificationReport<L: ClassLabel>: Sendable, CustomStringConvertible {
    /// One line of the report.
    public struct Row: Sendable, Equatable {
        /// The class name, or `macro avg` / `weighted avg` / `micro avg`.
        public var name: String
        /// Precision.
        public var precision: Double
        /// Recall.
        public var recall: Double
        /// F1 score.
        public var f1Score: Double
        /// The (weighted) number of true samples.
        public var support: Double
    }

    /// Per-class rows, in label order.
    public var classes: [Row]
    /// The labels behind ``classes``.
    public var labels: [L]
    /// Accuracy, when the micro average equals it (every present label reported); `nil` otherwise.
    public var accuracy: Double?
    /// The micro average row when it is not the accuracy.
    public var microAverage: Row?
    /// The unweighted mean of the class rows.
    public var macroAverage: Row
    /// The support-weighted mean of the class rows.
    public var weightedAverage: Row
    /// Decimal places in ``description``.
    public var digits: Int
    /// Whether supports are sample-weighted (then printed as decimals, like scikit-learn).
    var weightedSupport: Bool

    /// The report laid out exactly as scikit-learn prints it.
    public var description: String {
        let names = classes.map(\.name)
        let width = Swift.max(names.map(\.count).max() ?? 0, "weighted avg".count, digits)
        func pad(_ text: String, _ n: Int) -> String {
            String(repeating: " ", count: Swift.max(0, n - text.count)) + text
        }
        func number(_ x: Double) -> String { pad(String(format: "%.\(digits)f", x), 9) }
        func support(_ x: Double) -> String { pad(weightedSupport ? Self.pythonFloat(x) : String(Int(x)), 9) }
        func line(_ row: Row) -> String {
            pad(row.name, width) + "  " + number(row.precision) + " " + number(row.recall) + " " + number(row.f1Score)
                + " " + support(row.support) + "\n"
        }
        var text =
            pad("", width) + " " + ["precision", "recall", "f1-score", "support"].map { " " + pad($0, 9) }.joined()
            + "\n\n"
        for row in classes { text += line(row) }
        text += "\n"
        if let accuracy {
            let total = macroAverage.support
            text +=
                pad("accuracy", width) + "  " + pad("", 9) + " " + pad("", 9) + " " + number(accuracy) + " "
                + support(total) + "\n"
        } else if let microAverage {
            text += line(microAverage)
        }
        text += line(macroAverage)
        text += line(weightedAverage)
        return text
    }

    /// Python's `repr` of a float, for weighted supports (`12.5`, `3.0`).
    static func pythonFloat(_ x: Double) -> String {
        let text = "\(x)"
        return text.contains(".") || text.contains("e") || !x.isFinite ? text : text + ".0"
    }
}

/// Precision, recall, F1 and support per class, with the accuracy and averages — scikit-learn's
/// `classification_report`. `print(report)` gives scikit-learn's text; the fields give the numbers.
/// Arguments:
///   - `targetNames`: display names, one per label (default: the labels themselves).
///   - `digits`: decimal places of the text.
/// - Throws: `LearnError` for different lengths, no samples, bad weights, or `targetNames` of the
///   wrong length (with `labels` given, extra names are dropped with a warning, as scikit-learn does).
public func classificationReport<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], labels: [L]? = nil, targetNames: [String]? = nil, sampleWeight: [Double]? = nil,
    digits: Int = 2, zeroDivision: ZeroDivision = .warn
) throws -> ClassificationReport<L> {
    let metric = "classificationReport"
    let setWise = try SetWiseMetric(yTrue, yPred, beta: 1, labels: labels, sampleWeight: sampleWeight, metric: metric)
    let chosen = setWise.counts.labels
    var targetNames = targetNames
    if let names = targetNames, names.count != chosen.count {
        // scikit-learn: with `labels` given, more names than labels is a warning and the first ones are used;
        // otherwise (or with too few names) it raises.
        guard labels != nil, names.count > chosen.count else {
            throw LearnError.invalidParameter(
                name: "targetNames", expected: "\(chosen.count) names (one per class)", got: "\(names.count)")
        }
        LearnWarning.emit("labels size, \(chosen.count), does not match size of targetNames, \(names.count)")
        targetNames = Array(names.prefix(chosen.count))
    }
    guard digits >= 0 && digits <= 17 else {
        throw LearnError.invalidParameter(name: "digits", expected: "0 ... 17", got: "\(digits)")
    }
    let names = targetNames ?? chosen.map { "\($0)" }
    let perClass = ClassScores(scores: setWise.counts, beta: 1, zeroDivision: zeroDivision)
    let total = perClass.support.reduce(0, +)
    typealias Row = ClassificationReport<L>.Row
    let rows = names.indices.map {
        Row(
            name: names[$0], precision: perClass.precision[$0], recall: perClass.recall[$0],
            f1Score: perClass.fScore[$0],
            support: perClass.support[$0])
    }
    func row(_ name: String, _ average: Average) -> Row {
        let a = setWise.averaged(average, zeroDivision: zeroDivision)
        return Row(name: name, precision: a.precision, recall: a.recall, f1Score: a.fScore, support: total)
    }
    let microIsAccuracy = labels == nil || Set(chosen).isSuperset(of: setWise.presentLabels)
    let micro = row("micro avg", .micro)
    return ClassificationReport(
        classes: rows, labels: chosen, accuracy: microIsAccuracy ? micro.f1Score : nil,
        microAverage: microIsAccuracy ? nil : micro, macroAverage: row("macro avg", .macro),
        weightedAverage: row("weighted avg", .weighted), digits: digits, weightedSupport: sampleWeight != nil)
}
