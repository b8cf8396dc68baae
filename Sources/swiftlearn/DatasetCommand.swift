import ArgumentParser
import LearnCore
import LearnData

/// `swiftlearn dataset NAME --output FILE.csv|FILE.h5`: writes a bundled dataset (compiled into the tool).
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Write a bundled dataset (iris, wine, breast-cancer, digits) as CSV (target column y, last) or HDF5.")

    @Argument(help: "iris, wine, breast-cancer or digits.")
    var name: String

    @Option(
        help: "FILE.csv (header: the feature names, then y) or FILE.h5 (datasets X and y, attribute feature_names).")
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
        try DatasetFile.write(
            dataset.data, .labels(dataset.target), featureNames: dataset.featureNames, targetNames: dataset.targetNames,
            to: output)
        print(
            "\(name): \(dataset.data.rows) samples, \(dataset.data.columns) features, \(dataset.targetNames.count) classes -> \(output)"
        )
    }
}
