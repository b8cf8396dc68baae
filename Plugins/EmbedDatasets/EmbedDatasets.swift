import Foundation
import PackagePlugin

/// Compiles data files into a target's source, so they work from any installed build — no resource
/// bundle to ship or find at run time: the bundled datasets in `Datasets/` into `LearnData`, the accuracy
/// suite's committed reference results in `Benchmarks/Reference/` into `LearnBench`.
@main
struct EmbedDatasets: BuildToolPlugin {
    /// The datasets embedded into LearnData, each as `<name>.csv` + `<name>.json` in `Datasets/`.
    static let datasets = ["iris", "wine", "breast_cancer", "digits"]
    /// The reference results embedded into LearnBench.
    static let references = ["accuracy_scikit_learn.json", "accuracy_keras.json"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let (inputs, variable): ([URL], String) = target.name == "LearnBench"
            ? (Self.references.map { root.appending(path: "Benchmarks/Reference/\($0)") }, "embeddedReferenceFiles")
            : (Self.datasets.flatMap { [root.appending(path: "Datasets/\($0).csv"), root.appending(path: "Datasets/\($0).json")] },
               "embeddedDatasetFiles")
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded\(target.name)Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) data files into \(target.name)",
                executable: try context.tool(named: "EmbedDatasetsTool").url,
                arguments: [output.path, variable] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]),
        ]
    }
}
