import LearnCore

/// Stops training when `monitor` has not improved by `minDelta` for `patience` epochs (Keras'
/// `EarlyStopping`), optionally restoring the best epoch's weights.
public final class EarlyStopping: Callback {
    /// The watched quantity.
    public let monitor: Monitor
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// Restore the weights of the best epoch when training ends.
    public let restoreBestWeights: Bool
    /// Stop unless the monitored value beats this one (`nil` = no baseline).
    public let baseline: Double?
    /// The epoch (0-based) at which training stopped, 0 if it did not.
    public private(set) var stoppedEpoch = 0
    /// The best epoch seen (0-based).
    public private(set) var bestEpoch = 0
    private var tracker: BestTracker
    private var wait = 0
    private var bestWeights: [Tensor<Float>]?

    /// `EarlyStopping(monitor: .valLoss, patience: 3)`.
    public init(
        monitor: Monitor = .valLoss, minDelta: Double = 0, patience: Int = 0, mode: MonitorMode = .auto,
        restoreBestWeights: Bool = false, baseline: Double? = nil
    ) {
        (self.monitor, self.minDelta, self.patience, self.restoreBestWeights, self.baseline) = (
            monitor, abs(minDelta), patience, restoreBestWeights, baseline
        )
        tracker = BestTracker(monitor: monitor, mode: mode, minDelta: minDelta)
    }

    /// Resets the counters.
    public override func onTrainBegin(model: inout some Network) throws {
        tracker.reset()
        (wait, stoppedEpoch, bestEpoch, bestWeights) = (0, 0, 0, nil)
    }

    /// Keras' rule: an epoch that beats the best (by `minDelta`) resets the wait (if it also beats the
    /// baseline); after `patience` epochs without that, stop.
    public override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
        -> CallbackAction
    {
        guard let current = logs[monitor.rawValue] else { return .proceed }
        if restoreBestWeights && bestWeights == nil { bestWeights = try model.getWeights() }
        wait += 1
        if tracker.record(current) {
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = try model.getWeights() }
            if baseline.map({ tracker.isImprovement(current, over: $0) }) ?? true { wait = 0 }
            return .proceed
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            return .stop
        }
        return .proceed
    }

    /// Restores the best weights when asked to and training stopped early.
    public override func onTrainEnd(model: inout some Network) throws {
        if restoreBestWeights, stoppedEpoch > 0, let bestWeights {
            try model.setWeights(bestWeights)
        }
    }
}
