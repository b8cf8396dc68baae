import Foundation
import LearnCore
import LearnLinear
import LearnMetrics
import LearnNeural
import LearnSelection

/// The accuracy suite (`swiftlearn bench accuracy`): every model on every dataset, side by side with
/// scikit-learn's and Keras' numbers on identical data (the committed results of
/// `Benchmarks/Reference/accuracy_scikit_learn.py` and `accuracy_keras.py`, compiled into this module).
public struct AccuracySuite: Sendable {
    /// Run the `--quick` subset (every set but `binary-100k` and `multiclass-50k`).
    public var quick: Bool
    /// Run only the datasets whose name contains this text.
    public var datasetFilter: String?
    /// Run only the models whose name contains this text.
    public var modelFilter: String?

    /// A suite; `quick` selects the subset `make test` runs.
    public init(quick: Bool = false, datasetFilter: String? = nil, modelFilter: String? = nil) {
        (self.quick, self.datasetFilter, self.modelFilter) = (quick, datasetFilter, modelFilter)
    }

    /// The datasets this suite runs.
    public var datasets: [AccuracyDataset] {
        (quick ? AccuracyDataset.quick : AccuracyDataset.allCases).filter { dataset in
            datasetFilter.map { dataset.rawValue.contains($0) } ?? true
        }
    }

    /// Runs every case, calling `progress` before each with `[k/n] dataset model`.
    public func run(progress: (String) -> Void = { _ in }) throws -> AccuracyReport {
        let references = try ReferenceResults.embedded()
        let cases = datasets.flatMap { dataset in
            dataset.models.filter { model in modelFilter.map { model.rawValue.contains($0) } ?? true }
                .map { (dataset, $0) }
        }
        var results: [AccuracyResult] = []
        var loaded: (AccuracyDataset, PreparedData)?
        for (index, (dataset, model)) in cases.enumerated() {
            progress("[\(index + 1)/\(cases.count)] \(dataset.rawValue) \(model.rawValue)")
            if loaded?.0 != dataset { loaded = (dataset, try dataset.load()) }
            guard let data = loaded?.1 else { continue }
            var row = try Self.measure(model, on: dataset, data)
            row.reference = references.reference(dataset: dataset.rawValue, model: model.rawValue)
            results.append(row)
        }
        return AccuracyReport(version: SwiftLearnVersion.string, quick: quick, results: results)
    }

    /// Fits, predicts and scores one model (networks: the mean over their seeds).
    static func measure(_ model: AccuracyModel, on dataset: AccuracyDataset, _ data: PreparedData) throws
        -> AccuracyResult
    {
        let seeds = model.isNetwork ? AccuracyModel.seeds(testRows: data.nTest) : [0]
        var metrics: [[String: Double]] = [], fits: [Double] = [], predicts: [Double] = []
        for seed in seeds {
            let run = try model.fitPredict(data, seed: seed)
            metrics.append(
                dataset.task == .regression
                    ? try regressionMetrics(data.valuesTest, run.values)
                    : try classificationMetrics(data.labelsTest, run.labels))
            fits.append(run.fit)
            predicts.append(run.predict)
        }
        let mean = Dictionary(
            uniqueKeysWithValues: (metrics.first ?? [:]).keys.map { key in
                (key, metrics.reduce(0) { $0 + ($1[key] ?? 0) } / Double(metrics.count))
            })
        var row = AccuracyResult(
            dataset: dataset.rawValue, model: model.rawValue, task: dataset.task, nTrain: data.nTrain,
            nTest: data.nTest,
            metrics: mean, fitSeconds: fits.reduce(0, +) / Double(fits.count),
            predictSeconds: predicts.reduce(0, +) / Double(predicts.count), seeds: model.isNetwork ? seeds : nil)
        if dataset.task == .classification && !dataset.isLarge && !model.isNetwork {
            row.cvAccuracy = try crossValidatedAccuracy(model, data)
        }
        return row
    }

    /// Accuracy and macro precision, recall and F1 (scikit-learn's `zero_division=0`).
    static func classificationMetrics(_ truth: [Int], _ predicted: [Int]) throws -> [String: Double] {
        let scores = try precisionRecallFscoreSupport(truth, predicted, average: .macro, zeroDivision: .zero)
        return [
            "accuracy": try accuracyScore(truth, predicted), "precision_macro": scores.precision,
            "recall_macro": scores.recall,
            "f1_macro": scores.fScore
        ]
    }

    /// R² and mean squared error.
    static func regressionMetrics(_ truth: [Double], _ predicted: [Double]) throws -> [String: Double] {
        ["r2": try r2Score(truth, predicted), "mse": try meanSquaredError(truth, predicted)]
    }

    /// scikit-learn's `cross_val_score(model, xTrain, yTrain, cv=5).mean()` (stratified folds, no shuffle).
    static func crossValidatedAccuracy(_ model: AccuracyModel, _ data: PreparedData) throws -> Double {
        let scores: [Double]
        switch model {
        case .mlpClassifier:
            scores = try crossValScore(MLPClassifier(randomState: 0), data.xTrain, data.labelsTrain, cv: 5)
        default: scores = try crossValScore(LogisticRegression(), data.xTrain, data.labelsTrain, cv: 5)
        }
        return scores.reduce(0, +) / Double(scores.count)
    }
}
