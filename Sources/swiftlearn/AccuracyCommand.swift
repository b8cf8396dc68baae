import ArgumentParser
import Foundation
import LearnBench
import LearnCore

/// `swiftlearn bench accuracy [--quick] [--json FILE] [--markdown FILE] [--svg FILE]` (DESIGN §6).
struct AccuracyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract:
            "Fit every model on every benchmark dataset and compare its test accuracy with scikit-learn's and Keras'.",
        discussion: """
            Classical models are compared with scikit-learn, the seed network (MLP) with Keras, on identical data; \
            the references are the committed results of Benchmarks/Reference/accuracy_*.py. Exits with status 1 when a \
            model falls more than 0.01 (classical) or 0.02 (networks) below its reference.
            """
    )

    @Flag(help: "The quick subset: every dataset but binary-100k and multiclass-50k (under two minutes).")
    var quick = false

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    @Option(help: "Also write a Markdown table to this file.")
    var markdown: String?

    @Option(help: "Also write an SVG bar chart (ours vs reference) to this file.")
    var svg: String?

    @Option(help: "Run only the datasets whose name contains this text.")
    var dataset: String?

    @Option(help: "Run only the models whose name contains this text.")
    var model: String?

    @Option(help: "OpenBLAS threads (the references are single-threaded).")
    var threads = 1

    func run() throws {
        BLASRuntime.setThreadCount(threads)
        let suite = AccuracySuite(quick: quick, datasetFilter: dataset, modelFilter: model)
        guard !suite.datasets.isEmpty else { throw ValidationError("no dataset matches '\(dataset ?? "")'") }
        let report = try suite.run { line in FileHandle.standardError.write(Data("  \(line)\n".utf8)) }
        guard !report.results.isEmpty else {
            throw ValidationError(
                "no model matches '\(model ?? "")' (models: "
                    + AccuracyModel.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        print(report.table())
        try write(json, report.jsonData())
        try write(markdown, Data(report.markdown().utf8))
        try write(svg, Data(BarChart(report: report).svg().utf8))
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    private func write(_ path: String?, _ data: @autoclosure () throws -> Data) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data().write(to: url, options: .atomic)
        } catch let error as LearnError {
            throw error
        } catch {
            throw LearnError.io(path: path, reason: error.localizedDescription)
        }
    }
}
