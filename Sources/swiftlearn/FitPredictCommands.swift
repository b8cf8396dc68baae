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

/// `swiftlearn predict --model MODEL.h5 --input FILE.csv [--output PRED.csv]` (DESIGN §6).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict with a saved model; writes a CSV with one column y.")

    @Option(help: "A model saved by `swiftlearn fit` or `save(to:)`.") var model: String
    @Option(help: "CSV with the training features (a column named --target is ignored).") var input: String
    @Option(help: "A target column to ignore if the input has one.") var target = "y"
    @Option(help: "Where to write the predictions (default: standard output).") var output: String?

    func run() throws {
        let file = try HDF5File.open(model)
        let className = try file.root.attribute("swiftlearn_class")
        try file.close()
        let header = try readCSV(from: input)
        let table = header.featureNames.contains(target) ? try readCSV(from: input, targetColumn: target) : header
        let predictions: [Double]
        switch className {
        case .string("LogisticRegression"):
            predictions = try LogisticRegression.load(from: model).predict(table.data).map(Double.init)
        case .string("LinearRegression"): predictions = try LinearRegression.load(from: model).predict(table.data)
        case .string("Ridge"): predictions = try Ridge.load(from: model).predict(table.data)
        case .string("SGDRegressor"): predictions = try SGDRegressor.load(from: model).predict(table.data)
        case .string("MLPClassifier"):
            predictions = try MLPClassifier.load(from: model).predict(table.data).map(Double.init)
        case .string("MLPRegressor"): predictions = try MLPRegressor.load(from: model).predict(table.data)
        default:
            throw LearnError.corruptFile(
                path: model, reason: "\(className) is not a model `swiftlearn predict` can run")
        }
        if let output {
            try writeCSV(try Matrix<Double>.zeros(predictions.count, 0), target: predictions, to: output)
        } else {
            print("y")
            for value in predictions {
                print(
                    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.17g", value))
            }
        }
    }
}
