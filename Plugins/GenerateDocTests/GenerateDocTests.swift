import Foundation
import PackagePlugin

/// Generates the documentation tests: every ```swift block in README.md, Docs/*.md and the `///` comments
/// of Sources/ becomes a test of the `DocTests` target (DocTestsTool; Docs/Architecture.md says how).
@main
struct GenerateDocTests: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let inputs = [root.appending(path: "README.md")] + (try files(under: root.appending(path: "Docs"), ext: "md"))
            + (try files(under: root.appending(path: "Sources"), ext: "swift"))
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedDocTests.swift")
        return [
            .buildCommand(
                displayName: "Generating documentation tests from \(inputs.count) files",
                executable: try context.tool(named: "DocTestsTool").url,
                arguments: [output.path, root.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// The files ending in `.ext` under `folder`, sorted so the generated file does not depend on the disk.
    private func files(under folder: URL, ext: String) throws -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
            .sorted { $0.path < $1.path }
    }
}
