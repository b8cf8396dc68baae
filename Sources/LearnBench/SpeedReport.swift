import Foundation

/// One row of the speed suite (DESIGN §6 JSON contract).
public struct SpeedResult: Codable, Sendable {
    /// Benchmark name, e.g. `dgemm-2048`.
    public var name: String
    /// Median seconds of one run.
    public var seconds: Double
    /// Work per second in ``unit``.
    public var throughput: Double
    /// `GFLOP/s` or `GB/s`.
    public var unit: String
    /// What the row is compared with, measured in the same process, if anything.
    public var reference: SpeedReference?
    /// A remark printed beside the row (e.g. a model's training accuracy).
    public var note: String?
}

/// The comparison point of a speed row.
public struct SpeedReference: Codable, Sendable {
    /// What was measured, e.g. `dgemm-2048-raw` (a direct cblas call) or `memcpy-10m`.
    public var name: String
    /// The reference's throughput, in the row's unit.
    public var throughput: Double
    /// This row's throughput divided by the reference's.
    public var ratio: Double
}

/// The whole speed suite's output.
public struct SpeedReport: Codable, Sendable {
    /// Always `"speed"`.
    public var suite = "speed"
    /// SwiftLearn's version.
    public var version: String
    /// The OpenBLAS kernel family in use (e.g. `SkylakeX`).
    public var blasCore: String
    /// OpenBLAS threads used for the run.
    public var blasThreads: Int
    /// The rows, in run order.
    public var results: [SpeedResult]

    enum CodingKeys: String, CodingKey {
        case suite, version, results
        case blasCore = "blas_core"
        case blasThreads = "blas_threads"
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// An aligned text table, one row per benchmark.
    public func table() -> String {
        let nameWidth = Swift.max(22, (results.map(\.name.count).max() ?? 0) + 2)
        var lines = [
            "OpenBLAS core: \(blasCore), threads: \(blasThreads)",
            pad("benchmark", nameWidth) + pad("seconds", 12) + pad("throughput", 24) + "vs reference"
        ]
        for row in results {
            let versus = row.reference.map { String(format: "%.1f%% of %@", $0.ratio * 100, $0.name) } ?? row.note ?? ""
            lines.append(
                pad(row.name, nameWidth) + pad(String(format: "%.5f", row.seconds), 12)
                    + pad(String(format: "%.2f %@", row.throughput, row.unit), 24) + versus)
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
