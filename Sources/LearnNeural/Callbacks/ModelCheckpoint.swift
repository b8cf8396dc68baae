import Foundation
import LearnCore

/// Saves the network after epochs as an HDF5 file, Keras' `ModelCheckpoint`: the path may hold Keras'
/// placeholders — `{epoch}` (1-based), `{epoch:02d}`, `{val_loss}`, `{val_loss:.2f}`, any log key —
/// and with `saveBestOnly` only epochs that improve `monitor` are written. Whole models are Keras
/// legacy `.h5` files (``Sequential/save(to:includeOptimizer:)``); with `saveWeightsOnly`, weights-only
/// files (``Sequential/saveWeights(to:)``). Every write is atomic.
public final class ModelCheckpoint: Callback {
    /// The path, with placeholders.
    public let filepath: String
    /// The quantity that decides "best".
    public let monitor: Monitor
    /// Write only when `monitor` improves.
    public let saveBestOnly: Bool
    /// Write the weights alone.
    public let saveWeightsOnly: Bool
    /// Paths written, in order.
    public private(set) var savedPaths: [String] = []
    private var tracker: BestTracker

    /// `ModelCheckpoint(filepath: "best.h5", monitor: .valLoss, saveBestOnly: true)`.
    public init(
        filepath: String, monitor: Monitor = .valLoss, saveBestOnly: Bool = false, saveWeightsOnly: Bool = false,
        mode: MonitorMode = .auto
    ) {
        (self.filepath, self.monitor, self.saveBestOnly, self.saveWeightsOnly) = (
            filepath, monitor, saveBestOnly, saveWeightsOnly
        )
        tracker = BestTracker(monitor: monitor, mode: mode, minDelta: 0)
    }

    /// Forgets the best value.
    public override func onTrainBegin(model: inout some Network) throws {
        tracker.reset()
        savedPaths = []
    }

    /// Saves when due.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` when `saveBestOnly` watches a key the
    ///   logs lack or the path names one; `LearnError/io(path:reason:)` when the file cannot be written.
    public override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
        -> CallbackAction
    {
        if saveBestOnly {
            guard let current = logs[monitor.rawValue] else {
                throw LearnError.invalidParameter(
                    name: "monitor", expected: "one of " + logs.keys.sorted().joined(separator: ", "),
                    got: monitor.rawValue)
            }
            guard tracker.record(current) else { return .proceed }
        }
        let path = try Self.format(filepath, epoch: epoch + 1, logs: logs)
        if saveWeightsOnly {
            try model.saveWeights(to: path)
        } else {
            try model.save(to: path, includeOptimizer: true)
        }
        savedPaths.append(path)
        return .proceed
    }

    /// Replaces `{key}` / `{key:spec}` placeholders as Python's `str.format` would for `d`, `f`, `e`, `g` specs.
    static func format(_ template: String, epoch: Int, logs: [String: Double]) throws -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw LearnError.invalidParameter(
                    name: "filepath", expected: "balanced { } placeholders", got: template)
            }
            let field = rest[rest.index(after: open)..<close]
            let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts.first ?? ""
            let value: Double
            if key == "epoch" {
                value = Double(epoch)
            } else if let logged = logs[key] {
                value = logged
            } else {
                throw LearnError.invalidParameter(
                    name: "filepath",
                    expected: "placeholders among epoch, " + logs.keys.sorted().joined(separator: ", "),
                    got: "{\(field)}")
            }
            result += try render(value, spec: parts.count > 1 ? parts[1] : nil, isInteger: key == "epoch")
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// One value under a Python format spec such as `02d` or `.4f`.
    private static func render(_ value: Double, spec: String?, isInteger: Bool) throws -> String {
        guard let spec, let kind = spec.last else { return isInteger ? String(Int(value)) : "\(value)" }
        let flags = spec.dropLast()
        guard flags.allSatisfy({ $0.isNumber || $0 == "." }), "dfeg".contains(kind) else {
            throw LearnError.invalidParameter(name: "filepath", expected: "a format spec like 02d or .4f", got: spec)
        }
        guard kind != "d" else {
            guard value.isFinite, Swift.abs(value) < 1e15 else {
                throw LearnError.invalidParameter(
                    name: "filepath", expected: "a finite value for an integer placeholder", got: "\(value)")
            }
            return String(format: "%\(flags)ld", Int(value))
        }
        return String(format: "%\(flags)\(kind)", value)
    }
}
