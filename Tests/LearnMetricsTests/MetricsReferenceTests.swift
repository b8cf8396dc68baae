import Foundation
import LearnCore
import LearnMetrics
import LearnTestSupport
import Testing

/// Every call in `Resources/metrics_reference.json` (scikit-learn 1.9.1, written by
/// `Benchmarks/Reference/metrics_reference.py`), replayed through LearnMetrics: floats to 1e-12,
/// counts and report text exactly.
@Suite struct MetricsReferenceTests {
    static let calls: [JSONValue] = {
        guard
            let url = Bundle.module.url(
                forResource: "metrics_reference", withExtension: "json", subdirectory: "Resources"),
            let root = try? JSONValue.load(url), let calls = try? root.member("calls").array()
        else { return [] }
        return calls
    }()

    static func calls(_ function: String) -> [JSONValue] {
        calls.filter { (try? $0.member("function").string()) == function }
    }

    @Test func referenceFileIsComplete() {
        #expect(Self.calls.count == 145)
    }

    @Test(arguments: [
        "accuracy_score", "precision_recall_fscore_support", "fbeta_score", "precision_score",
        "recall_score", "f1_score", "confusion_matrix", "classification_report"
    ])
    func classificationMetricMatches(_ function: String) throws {
        let calls = Self.calls(function)
        #expect(!calls.isEmpty)
        for call in calls {
            let args = try call.member("args").array()
            if case .string = try args[0].array().first {
                try ClassificationCall<String>(call, labels: { try $0.strings() }).check()
            } else {
                try ClassificationCall<Int>(call, labels: { try $0.ints() }).check()
            }
        }
    }

    @Test func rankingAndLossMatch() throws {
        for call in Self.calls("roc_curve") + Self.calls("roc_auc_score") + Self.calls("auc") + Self.calls("log_loss") {
            try RankingCall(call).check()
        }
    }

    @Test func regressionMetricsMatch() throws {
        let calls = Self.calls("mean_squared_error") + Self.calls("mean_absolute_error") + Self.calls("r2_score")
        #expect(calls.count == 8)
        for call in calls {
            let function = try call.member("function").string()
            let args = try call.member("args").array()
            let (yt, yp) = (try args[0].doubles(), try args[1].doubles())
            let weights = try call.member("kwargs")["sample_weight"]?.doubles()
            let got: Double
            switch function {
            case "mean_squared_error": got = try meanSquaredError(yt, yp, sampleWeight: weights)
            case "mean_absolute_error": got = try meanAbsoluteError(yt, yp, sampleWeight: weights)
            default: got = try r2Score(yt, yp, sampleWeight: weights)
            }
            expectMetric(got, try call.member("result").double(), "\(function) \(weights == nil ? "" : "weighted")")
        }
    }
}

/// Metrics against scikit-learn's: the same float64 formulas, summed in other orders — 1e-12 relative.
let metricTolerance = 1e-12

/// Expects a metric value within ``metricTolerance`` of scikit-learn's (LearnTestSupport's closeness rule).
func expectMetric(_ got: Double, _ expected: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation)
{
    expectClose(got, expected, tolerance: metricTolerance, what, sourceLocation: sourceLocation)
}

/// Expects metric values within ``metricTolerance`` of scikit-learn's.
func expectMetric(
    _ got: [Double], _ expected: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(got, expected, tolerance: metricTolerance, what, sourceLocation: sourceLocation)
}

/// One classification-metric call, with labels of type `L`.
struct ClassificationCall<L: ClassLabel> {
    let function: String
    let kwargs: JSONValue
    let result: JSONValue
    let yTrue: [L], yPred: [L]
    let readLabels: (JSONValue) throws -> [L]
    let what: String

    init(_ call: JSONValue, labels: @escaping (JSONValue) throws -> [L]) throws {
        function = try call.member("function").string()
        kwargs = try call.member("kwargs")
        result = try call.member("result")
        let args = try call.member("args").array()
        (yTrue, yPred, readLabels) = (try labels(args[0]), try labels(args[1]), labels)
        what = "\(function)(\(kwargs))".prefix(200).description
    }

    var weights: [Double]? { get throws { try kwargs["sample_weight"]?.doubles() } }
    var labels: [L]? { get throws { try kwargs["labels"].map(readLabels) } }
    var average: Average? { get throws { try kwargs["average"].map { try #require(Average(rawValue: $0.string())) } } }
    var posLabel: L? { get throws { try kwargs["pos_label"].map { try readLabels(.array([$0]))[0] } } }
    var zeroDivision: ZeroDivision {
        get throws {
            switch kwargs["zero_division"] {
            case nil, .string("warn")?: return .warn
            case .string("nan")?: return .nan
            case let value?: return try value.double() == 1 ? .one : .zero
            }
        }
    }

    func check() throws {
        switch function {
        case "accuracy_score":
            var normalize = true
            if case .bool(false)? = kwargs["normalize"] { normalize = false }
            expectMetric(
                try accuracyScore(yTrue, yPred, normalize: normalize, sampleWeight: weights), try result.double(), what)
        case "precision_recall_fscore_support":
            let parts = try result.array()
            if let average = try average {
                let got = try precisionRecallFscoreSupport(
                    yTrue, yPred, labels: labels, average: average, sampleWeight: weights,
                    zeroDivision: zeroDivision)
                expectMetric([got.precision, got.recall, got.fScore], try parts[0..<3].map { try $0.double() }, what)
            } else {
                let got = try precisionRecallFscoreSupport(
                    yTrue, yPred, labels: labels, sampleWeight: weights, zeroDivision: zeroDivision)
                expectMetric(got.precision, try parts[0].doubles(), what + " precision")
                expectMetric(got.recall, try parts[1].doubles(), what + " recall")
                expectMetric(got.fScore, try parts[2].doubles(), what + " f")
                expectMetric(got.support, try parts[3].doubles(), what + " support")
            }
        case "fbeta_score":
            let beta = try kwargs.member("beta").double()
            expectMetric(
                try fbetaScore(yTrue, yPred, beta: beta, average: average ?? .binary, sampleWeight: weights),
                try result.double(), what)
        case "precision_score", "recall_score", "f1_score":
            let scorer: ([L], [L], L?, Average) throws -> Double =
                switch function {
                case "precision_score": { try precisionScore($0, $1, posLabel: $2, average: $3) }
                case "recall_score": { try recallScore($0, $1, posLabel: $2, average: $3) }
                default: { try f1Score($0, $1, posLabel: $2, average: $3) }
                }
            expectMetric(try scorer(yTrue, yPred, posLabel, average ?? .binary), try result.double(), what)
        case "confusion_matrix":
            let expected = try result.matrix()
            if let normalize = kwargs["normalize"] {
                let got = try confusionMatrix(
                    yTrue, yPred, labels: labels, sampleWeight: weights,
                    normalize: ConfusionNormalization(rawValue: normalize.string()))
                expectMetric(got.scalars, expected.scalars, what)
            } else if let weights = try weights {
                let got = try confusionMatrix(yTrue, yPred, labels: labels, sampleWeight: weights, normalize: nil)
                expectMetric(got.scalars, expected.scalars, what)
            } else {
                #expect(
                    try confusionMatrix(yTrue, yPred, labels: labels).flatMap { $0 }.map(Double.init)
                        == expected.scalars, "\(what)")
            }
        default:
            try checkReport()
        }
    }

    func checkReport() throws {
        let digits = try kwargs["digits"]?.int() ?? 2
        let names = try kwargs["target_names"]?.strings()
        let report = try classificationReport(
            yTrue, yPred, labels: labels, targetNames: names, sampleWeight: weights, digits: digits)
        if case let .string(text) = result {
            #expect(
                report.description == text, "\(what)\n--- got ---\n\(report.description)\n--- expected ---\n\(text)")
            return
        }
        for (index, row) in report.classes.enumerated() {
            let expected = try result.member(row.name)
            expectMetric(
                [row.precision, row.recall, row.f1Score, row.support],
                try ["precision", "recall", "f1-score", "support"].map { try expected.member($0).double() },
                what + " \(index)")
        }
        expectMetric(try #require(report.accuracy), try result.member("accuracy").double(), what + " accuracy")
        for (row, key) in [(report.macroAverage, "macro avg"), (report.weightedAverage, "weighted avg")] {
            let expected = try result.member(key)
            expectMetric(
                [row.precision, row.recall, row.f1Score, row.support],
                try ["precision", "recall", "f1-score", "support"].map { try expected.member($0).double() }, what + key)
        }
    }
}

/// One ROC / AUC / log-loss call (integer labels).
struct RankingCall {
    let function: String
    let args: [JSONValue]
    let kwargs: JSONValue
    let result: JSONValue

    init(_ call: JSONValue) throws {
        (function, args, kwargs, result) = (
            try call.member("function").string(), try call.member("args").array(),
            try call.member("kwargs"), try call.member("result")
        )
    }

    func check() throws {
        let what = "\(function)(\(kwargs))"
        let weights = try kwargs["sample_weight"]?.doubles()
        switch function {
        case "auc":
            expectMetric(try auc(args[0].doubles(), args[1].doubles()), try result.double(), what)
        case "roc_curve":
            var drop = true
            if case .bool(false)? = kwargs["drop_intermediate"] { drop = false }
            let curve = try rocCurve(args[0].ints(), args[1].doubles(), sampleWeight: weights, dropIntermediate: drop)
            let parts = try result.array()
            expectMetric(curve.fpr, try parts[0].doubles(), what + " fpr")
            expectMetric(curve.tpr, try parts[1].doubles(), what + " tpr")
            expectMetric(curve.thresholds, try parts[2].doubles(), what + " thresholds")
        case "roc_auc_score":
            let y = try args[0].ints()
            if case .array(let rows) = args[1], case .array? = rows.first {
                let proba = try Matrix(rows.map { try $0.doubles() })
                let average = try ROCAverage(rawValue: kwargs["average"]?.string() ?? "macro") ?? .macro
                expectMetric(
                    try rocAucScore(y, proba, average: average, sampleWeight: weights), try result.double(), what)
            } else {
                expectMetric(
                    try rocAucScore(y, try args[1].doubles(), sampleWeight: weights), try result.double(), what)
            }
        default:
            let y = try args[0].ints()
            let proba: Matrix<Double>
            if case .array(let rows) = args[1], case .array? = rows.first {
                proba = try Matrix(rows.map { try $0.doubles() })
            } else {
                proba = Matrix(column: try args[1].doubles())
            }
            var normalize = true
            if case .bool(false)? = kwargs["normalize"] { normalize = false }
            expectMetric(
                try logLoss(y, proba, normalize: normalize, sampleWeight: weights, labels: kwargs["labels"]?.ints()),
                try result.double(), what)
        }
    }
}
