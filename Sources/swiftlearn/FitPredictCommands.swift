import ArgumentParser
import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnNeural

/// The models `swiftlearn fit` trains.
enum CLIModel: String, ExpressibleByArgument, CaseIterable {
    case logisticRegression = "logistic-regression"
    case linearRegression = "linear-regression"
    case mlp
}

/// `swiftlearn fit --model NAME --train FILE.csv [--target y] [--param key=value …] --output MODEL.h5` (DESIGN §6).
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Train a model on a CSV file and save it as HDF5.")

    @Option(help: "logistic-regression, linear-regression or mlp.") var model: CLIModel
    @Option(help: "Training data: CSV with a header line.") var train: String
    @Option(help: "The target column's name.") var target = "y"
    @Option(
        help: "A hyper-parameter, key=value (scikit-learn or Swift spelling: max_iter=200 or maxIter=200); repeatable.")
    var param: [String] = []
    @Option(help: "Where to save the fitted model (.h5).") var output: String

    func run() throws {
        let table = try readCSV(from: train, targetColumn: target)
        let parameters = try param.map(ParameterValue.assignment(parsing:))
        switch model {
        case .logisticRegression:
            let (estimator, accuracy) = try fitAndSave(
                LogisticRegression.self, parameters, table.data, try table.integerTarget())
            print(
                "LogisticRegression: \(estimator.classes.count) classes, \(table.data.columns) features, \(estimator.nIter) iterations, "
                    + String(format: "training accuracy %.4f", accuracy) + " -> \(output)")
        case .linearRegression:
            let (_, r2) = try fitAndSave(LinearRegression.self, parameters, table.data, table.target ?? [])
            print(
                "LinearRegression: \(table.data.columns) features, " + String(format: "training R² %.4f", r2)
                    + " -> \(output)")
        case .mlp:
            // Whole-number targets are class labels (MLPClassifier); any other target is a regression (MLPRegressor).
            if let labels = try? table.integerTarget() {
                let (estimator, accuracy) = try fitAndSave(MLPClassifier.self, parameters, table.data, labels)
                print(
                    "MLPClassifier: \(estimator.classes.count) classes, \(table.data.columns) features, \(estimator.nIter) epochs, "
                        + String(format: "training accuracy %.4f", accuracy) + " -> \(output)")
            } else {
                let (estimator, r2) = try fitAndSave(MLPRegressor.self, parameters, table.data, table.target ?? [])
                print(
                    "MLPRegressor: \(table.data.columns) features, \(estimator.nIter) epochs, "
                        + String(format: "training R² %.4f", r2) + " -> \(output)")
            }
        }
    }

    /// An unfitted `E` with the `--param` hyper-parameters, fitted to `(X, y)` and saved to `--output`, with its
    /// training score (accuracy or R²).
    private func fitAndSave<E: SupervisedEstimator & PersistableEstimator>(
        _: E.Type, _ parameters: [(name: String, value: ParameterValue)], _ X: Matrix<Double>, _ y: [E.Target]
    ) throws -> (estimator: E, score: Double) {
        var estimator = E()
        for (key, value) in parameters { try estimator.setParameter(key, value) }
        try estimator.fit(X, y)
        try estimator.save(to: output)
        return (estimator, try estimator.score(X, y))
    }
}

/// `swiftlearn predict --model M.h5 --input X.csv|X.h5 [--output P.csv]` (DESIGN §6): an estimator's file
/// writes one column `y`; a network's (SwiftLearn's or Keras', Sequential or functional) its raw outputs,
/// columns `y0, y1, …` with 9 significant digits — for several outputs `<output>_0, <output>_1, …`, each
/// output's columns in the model's output order.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a saved model or network; writes a CSV (y, or a network's outputs y0, y1, …).")

    @Option(help: "A model saved by `swiftlearn fit` or `save(to:)`, or a Keras .h5 network.") var model: String
    @Option(
        help:
            "CSV with the features (a column named --target is ignored), or .h5 with a dataset X (any rank; a group X of one dataset per input for several inputs)."
    )
    var input: String
    @Option(help: "A target column to ignore if the input has one.") var target = "y"
    @Option(help: "Where to write the predictions (default: standard output).") var output: String?

    func run() throws {
        guard let found = try SavedModel.kind(ofFileAt: model) else {
            let name = try SavedModel.className(ofFileAt: model) ?? "a file without swiftlearn_class or model_config"
            throw LearnError.corruptFile(path: model, reason: "\(name) is not a model `swiftlearn predict` can run")
        }
        let data: Matrix<Double>, values: [Double]?, names: [String]?, digits: Int
        switch found.kind {
        case let .estimator(predict):
            let x = try NetworkData.estimatorInput(input, targetColumn: target)
            (data, values, names, digits) = (try Matrix<Double>.zeros(x.rows, 0), try predict(model, x), nil, 17)
        case let .network(load):
            let network = try load(model)
            let outputs = try network.predictions(
                try NetworkData.read(input, for: network, targetColumn: target, targets: false).inputs)
            let outputNames = network.outputNames
            let columns = zip(outputNames, outputs).flatMap { name, matrix in
                (0..<matrix.columns).map { outputNames.count == 1 ? "y\($0)" : "\(name)_\($0)" }
            }
            (data, values, names, digits) = (try Matrix.concatenate(outputs, axis: 1), nil, columns, 9)
        }
        if let output {
            try writeCSV(data, target: values, to: output, featureNames: names, significantDigits: digits)
        } else {
            FileHandle.standardOutput.write(
                try csvData(data, target: values, featureNames: names, significantDigits: digits))
        }
    }
}
