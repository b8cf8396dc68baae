import ArgumentParser
import Foundation
import LearnBench
import LearnCore

/// `swiftlearn bench speed [--quick] [--json FILE] [--threads N]`.
struct SpeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed",
        abstract:
            "Measure the core's speed: gemm against raw cblas, elementwise kernels against memcpy, dataset generation."
    )

    @Flag(help: "Fewer timed runs per row.")
    var quick = false

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    @Option(help: "OpenBLAS threads (the anchors are single-threaded).")
    var threads = 1

    @Option(help: "Run only the rows whose name contains this text (with their reference rows).")
    var filter: String?

    func run() throws {
        BLASRuntime.setThreadCount(threads)
        var suite = SpeedSuite(quick: quick)
        suite.filter = filter
        let report = try suite.run { name in
            FileHandle.standardError.write(Data("  measured \(name)\n".utf8))
        }
        guard !report.results.isEmpty else { throw ValidationError("no benchmark matches '\(filter ?? "")'") }
        print(report.table())
        if let json {
            do {
                try report.jsonData().write(to: URL(fileURLWithPath: json), options: .atomic)
            } catch {
                throw LearnError.io(path: json, reason: error.localizedDescription)
            }
        }
    }
}
