// Build tool behind the EmbedDatasets plugin: writes a Swift file holding each input file's text.
// Usage: EmbedDatasetsTool OUTPUT.swift INPUT...
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedDatasetsTool OUTPUT.swift INPUT...\n".utf8))
    exit(2)
}
var source = """
// Generated at build time by EmbedDatasetsTool from the files in Datasets/. Do not edit.

/// The bundled datasets' files (`<name>.csv`, `<name>.json`), by file name.
let embeddedDatasetFiles: [String: String] = [

"""
for path in arguments.dropFirst() {
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
