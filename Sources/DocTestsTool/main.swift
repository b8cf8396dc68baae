// Build tool behind the DocTests plugin: turns the ```swift blocks of the guides and of the `///` comments
// into a Swift Testing file (Tests/DocTests runs it). Usage: DocTestsTool OUTPUT.swift ROOT FILE...
// where each FILE (.md or .swift) is inside ROOT, the package directory.
import DocTestGeneration
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: DocTestsTool OUTPUT.swift ROOT FILE...\n".utf8))
    exit(2)
}
let (output, root) = (arguments[0], arguments[1])
do {
    var blocks: [DocBlock] = []
    for path in arguments.dropFirst(2) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let relative = path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            (number: $0.offset + 1, text: String($0.element))
        }
        if path.hasSuffix(".swift") {
            for comment in docComments(in: lines) { blocks += try docBlocks(in: comment, file: relative) }
        } else {
            blocks += try docBlocks(in: lines, file: relative)
        }
    }
    let source = testSource(for: blocks, root: root)
    // Rewritten only when it changes, so an unrelated edit does not rebuild the tests.
    if (try? String(contentsOfFile: output, encoding: .utf8)) != source {
        try source.write(toFile: output, atomically: true, encoding: .utf8)
    }
} catch let error as DocTestError {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("DocTestsTool: \(error)\n".utf8))
    exit(1)
}
