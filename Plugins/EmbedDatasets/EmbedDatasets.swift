import Foundation
import PackagePlugin

/// Compiles the bundled datasets in `Datasets/` into `LearnData`, so the loaders work from any
/// installed build — no resource bundle to ship or find at run time.
@main
struct EmbedDatasets: BuildToolPlugin {
    /// The datasets embedded, each as `<name>.csv` + `<name>.json` in `Datasets/`.
    static let names = ["iris", "wine", "breast_cancer", "digits"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let datasets = context.package.directoryURL.appending(path: "Datasets")
        let inputs = Self.names.flatMap { [datasets.appending(path: "\($0).csv"), datasets.appending(path: "\($0).json")] }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDatasets.swift")
        return [
            .buildCommand(
                displayName: "Embedding the bundled datasets into \(target.name)",
                executable: try context.tool(named: "EmbedDatasetsTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]),
        ]
    }
}
