import Foundation

/// Per-epoch training logs, Keras' `History`: `history["loss"]`, `history["val_accuracy"]`, ….
public struct History: Sendable, CustomStringConvertible {
    /// Each logged quantity, one value per epoch.
    public var history: [String: [Double]] = [:]
    /// The epochs run (0-based).
    public var epoch: [Int] = []

    /// An empty history.
    public init() {}

    /// The values logged under `key`, one per epoch (empty when never logged).
    public subscript(key: String) -> [Double] { history[key] ?? [] }

    /// The logs as Keras prints `history.history`.
    public var description: String {
        "{"
            + history.keys.sorted().map { key in
                "'\(key)': ["
                    + (history[key] ?? []).map { String(format: "%.4f", $0) }
                    .joined(separator: ", ") + "]"
            }.joined(separator: ", ") + "}"
    }
}
