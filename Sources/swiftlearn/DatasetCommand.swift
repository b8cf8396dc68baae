import ArgumentParser
import LearnCore
import LearnData

/// `swiftlearn dataset NAME --output FILE.csv`: writes a bundled dataset (compiled into the tool).
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Write a bundled dataset (iris, wine, breast-cancer, digits) as CSV, target column last.")

    @Argument(help: "iris, wine, breast-cancer or digits.")
    var name: String

    @Option(help: "The CSV file to write (header: the feature names, then 'target').")
    var output: String

    func run() throws {
        let loaders: [String: () throws -> Dataset] = [
            "iris": loadIris, "wine": loadWine, "breast-cancer": loadBreastCancer, "breast_cancer": loadBreastCancer,
            "digits": loadDigits
        ]
        guard let load = loaders[name.lowercased()] else {
            throw ValidationError("unknown dataset '\(name)': expected iris, wine, breast-cancer or digits")
        }
        let dataset = try load()
        try writeCSV(
            dataset.data, labels: dataset.target, to: output, featureNames: dataset.featureNames, targetName: "target")
        print(
            "\(name): \(dataset.data.rows) samples, \(dataset.data.columns) features, \(dataset.targetNames.count) classes -> \(output)"
        )
    }
}
