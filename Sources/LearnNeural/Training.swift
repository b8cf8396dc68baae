import Foundation
import LearnCore

/// A metric reported during training, resolved from the loss as Keras does.
public enum Metric: String, Sendable, CaseIterable {
    /// Binary (threshold 0.5), sparse-categorical or categorical accuracy, chosen from the loss.
    case accuracy
}

/// What ``EarlyStopping`` watches.
public enum Monitor: String, Sendable, CaseIterable {
    /// Training loss (`loss`).
    case loss
    /// Validation loss (`val_loss`).
    case valLoss = "val_loss"
    /// Training accuracy (`accuracy`).
    case accuracy
    /// Validation accuracy (`val_accuracy`).
    case valAccuracy = "val_accuracy"

    /// Whether larger is better (accuracies) — Keras' `mode="auto"`.
    var increases: Bool { self == .accuracy || self == .valAccuracy }
}

/// What a callback asks the training loop to do after an epoch.
public enum CallbackAction: Sendable, Equatable {
    /// Go on.
    case proceed
    /// Stop training; with weights, restore them first.
    case stop(restoring: [Float]?)
}

/// A hook called after every epoch with the epoch's logs (`loss`, `accuracy`, `val_loss`, …).
public protocol Callback: Sendable {
    /// Called before the first epoch.
    mutating func onTrainBegin()
    /// Called after each epoch (numbered from 0) with its logs and the current parameters.
    mutating func onEpochEnd(_ epoch: Int, logs: [String: Double], parameters: [Float]) -> CallbackAction
}

extension Callback {
    /// Nothing by default.
    public mutating func onTrainBegin() {}
}

/// Stops training when `monitor` has not improved by `minDelta` for `patience` epochs (Keras'
/// `EarlyStopping`), optionally restoring the best epoch's weights.
public struct EarlyStopping: Callback, Equatable {
    /// The watched quantity.
    public var monitor: Monitor
    /// The smallest change that counts as an improvement.
    public var minDelta: Double
    /// Epochs without improvement before stopping.
    public var patience: Int
    /// Restore the weights of the best epoch when stopping.
    public var restoreBestWeights: Bool
    /// Stop unless the monitored value beats this one (`nil` = no baseline).
    public var baseline: Double?
    /// The epoch at which training stopped (0 if it did not).
    public private(set) var stoppedEpoch = 0
    private var best = Double.nan, wait = 0, bestWeights: [Float]?

    /// `EarlyStopping(monitor: .valLoss, patience: 3)`.
    public init(monitor: Monitor = .valLoss, minDelta: Double = 0, patience: Int = 0, restoreBestWeights: Bool = false, baseline: Double? = nil) {
        (self.monitor, self.minDelta, self.patience, self.restoreBestWeights, self.baseline) = (monitor, abs(minDelta), patience, restoreBestWeights, baseline)
    }

    /// Resets the counters.
    public mutating func onTrainBegin() {
        (best, wait, bestWeights, stoppedEpoch) = (monitor.increases ? -.infinity : .infinity, 0, nil, 0)
    }

    /// Keras' rule: an epoch that beats the best (by `minDelta`) resets the wait (if it also beats the
    /// baseline); after `patience` epochs without that, stop.
    public mutating func onEpochEnd(_ epoch: Int, logs: [String: Double], parameters: [Float]) -> CallbackAction {
        guard let current = logs[monitor.rawValue] else { return .proceed }
        if best.isNaN { best = monitor.increases ? -.infinity : .infinity }
        if restoreBestWeights && bestWeights == nil { bestWeights = parameters }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            if restoreBestWeights { bestWeights = parameters }
            if baseline.map({ isImprovement(current, over: $0) }) ?? true { wait = 0 }
            return .proceed
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            return .stop(restoring: restoreBestWeights ? bestWeights : nil)
        }
        return .proceed
    }

    private func isImprovement(_ value: Double, over reference: Double) -> Bool {
        monitor.increases ? value - minDelta > reference : value + minDelta < reference
    }
}

/// Per-epoch training logs, Keras' `History`: `history["loss"]`, `history["val_accuracy"]`, ….
public struct History: Sendable, CustomStringConvertible {
    /// Each logged quantity, one value per epoch.
    public var history: [String: [Double]] = [:]
    /// The epochs run (0-based).
    public var epoch: [Int] = []

    /// An empty history.
    public init() {}

    /// The logs as Keras prints `history.history`.
    public var description: String {
        "{" + history.keys.sorted().map { key in "'\(key)': [" + (history[key] ?? []).map { String(format: "%.4f", $0) }
            .joined(separator: ", ") + "]" }.joined(separator: ", ") + "}"
    }
}
