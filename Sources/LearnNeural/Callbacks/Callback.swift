import LearnCore

/// What a callback asks the training loop to do after an epoch.
public enum CallbackAction: Sendable, Equatable {
    /// Go on.
    case proceed
    /// Stop training after this epoch (Keras' `model.stop_training = True`).
    case stop
}

/// A hook into `Sequential.fit(…)`,
/// Keras' `Callback`: a class, so it can keep state across epochs that the caller reads afterwards.
/// Every method has a do-nothing default; the network is passed `inout`, so a callback can read or
/// change its weights, optimizer (``Sequential/learningRate``) or save it.
///
/// ```swift
/// final class LossLogger: Callback {
///     var losses: [Double] = []
///     func onEpochEnd(_ epoch: Int, logs: [String: Double], model: inout Sequential) throws -> CallbackAction {
///         losses.append(logs["loss"] ?? .nan)
///         return .proceed
///     }
/// }
/// ```
public protocol Callback: AnyObject {
    /// Before the first epoch.
    func onTrainBegin(model: inout Sequential) throws
    /// Before each epoch (numbered from 0).
    func onEpochBegin(_ epoch: Int, model: inout Sequential) throws
    /// After each batch (numbered from 0 within the epoch) with its loss.
    func onBatchEnd(_ batch: Int, loss: Double, model: inout Sequential) throws
    /// After each epoch with its logs (`loss`, `accuracy`, `val_loss`, …); may add keys to the logs.
    func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout Sequential) throws -> CallbackAction
    /// After the last epoch.
    func onTrainEnd(model: inout Sequential) throws
}

extension Callback {
    /// Nothing.
    public func onTrainBegin(model: inout Sequential) throws {}
    /// Nothing.
    public func onEpochBegin(_ epoch: Int, model: inout Sequential) throws {}
    /// Nothing.
    public func onBatchEnd(_ batch: Int, loss: Double, model: inout Sequential) throws {}
    /// Proceeds.
    public func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout Sequential) throws -> CallbackAction
    { .proceed }
    /// Nothing.
    public func onTrainEnd(model: inout Sequential) throws {}
}

/// Tracks the best value of a monitored quantity, shared by the callbacks that watch one.
struct BestTracker: Sendable {
    let monitor: Monitor
    let increases: Bool
    let minDelta: Double
    private(set) var best: Double

    init(monitor: Monitor, mode: MonitorMode, minDelta: Double) {
        (self.monitor, increases, self.minDelta) = (monitor, mode.increases(monitor), abs(minDelta))
        best = increases ? -.infinity : .infinity
    }

    /// Whether `value` beats `reference` by more than `minDelta`.
    func isImprovement(_ value: Double, over reference: Double) -> Bool {
        increases ? value - minDelta > reference : value + minDelta < reference
    }

    /// Records `value` when it improves on the best; says whether it did.
    mutating func record(_ value: Double) -> Bool {
        guard isImprovement(value, over: best) else { return false }
        best = value
        return true
    }

    /// Forgets the best value.
    mutating func reset() { best = increases ? -.infinity : .infinity }
}
