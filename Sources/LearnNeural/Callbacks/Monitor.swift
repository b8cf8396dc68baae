/// The logged quantity a callback watches — Keras' `monitor="val_loss"` — with its direction.
public struct Monitor: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The log key (`loss`, `val_accuracy`, …).
    public var rawValue: String

    /// A monitor for any log key.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `"val_auc"` as a literal.
    public init(stringLiteral value: String) { rawValue = value }

    /// Training loss (`loss`).
    public static let loss: Monitor = "loss"
    /// Validation loss (`val_loss`).
    public static let valLoss: Monitor = "val_loss"
    /// Training accuracy (`accuracy`).
    public static let accuracy: Monitor = "accuracy"
    /// Validation accuracy (`val_accuracy`).
    public static let valAccuracy: Monitor = "val_accuracy"
    /// Validation AUC (`val_auc`).
    public static let valAuc: Monitor = "val_auc"

    /// Whether larger is better in Keras' `mode="auto"`: accuracies, precision, recall and AUC.
    public var increases: Bool {
        let base = rawValue.hasPrefix("val_") ? String(rawValue.dropFirst(4)) : rawValue
        return ["accuracy", "precision", "recall", "auc"].contains(base)
    }

    /// The log key.
    public var description: String { rawValue }
}

/// Which direction counts as an improvement (Keras' `mode`).
public enum MonitorMode: String, Sendable, CaseIterable {
    /// From the monitored name (accuracies increase, losses decrease).
    case auto
    /// Smaller is better.
    case min
    /// Larger is better.
    case max

    /// Whether larger is better for `monitor`.
    func increases(_ monitor: Monitor) -> Bool {
        switch self {
        case .auto: return monitor.increases
        case .min: return false
        case .max: return true
        }
    }
}
