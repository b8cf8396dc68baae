// Build tool behind the EmbedDatasets plugin: writes a Swift file holding each input file's text.
// Usage: EmbedDatasetsTool OUTPUT.swift VARIABLE INPUT...
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let output = arguments.first, let variable = arguments.dropFirst().first else {
    FileHandle.standardError.write(Data("usage: EmbedDatasetsTool OUTPUT.swift VARIABLE INPUT...\n".utf8))
    exit(2)
}
var source = """
    // Generated at build time by EmbedDatasetsTool. Do not edit.

    /// Embedded data files, by file name.
    let \(variable): [String: String] = [

    """
for path in arguments.dropFirst(2) {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedDatasetsTool: cannot read \(path)\n".utf8))
        exit(1)
    }
    guard !text.contains("\"\"\"#") else {
        FileHandle.standardError.write(Data("EmbedDatasetsTool: \(path) contains a raw-string terminator\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "    \"\(name)\": #\"\"\"\n\(text.hasSuffix("\n") ? String(text.dropLast()) : text)\n\"\"\"#,\n"
}
source += "]\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedDatasetsTool: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
