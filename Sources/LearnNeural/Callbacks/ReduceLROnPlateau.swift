import LearnCore

/// Multiplies the learning rate by `factor` when `monitor` has not improved for `patience` epochs, Keras'
/// `ReduceLROnPlateau` (with its `cooldown` and `minLr`); logs the rate as `learning_rate`.
public final class ReduceLROnPlateau: Callback {
    /// The watched quantity.
    public let monitor: Monitor
    /// The multiplier, in (0, 1).
    public let factor: Double
    /// Epochs without improvement before reducing.
    public let patience: Int
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Epochs to wait after a reduction before counting again.
    public let cooldown: Int
    /// The lowest rate.
    public let minLr: Double
    private var tracker: BestTracker
    private var wait = 0, cooldownCounter = 0

    /// `ReduceLROnPlateau(monitor: .valLoss, factor: 0.5, patience: 2)`.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` for a factor outside (0, 1).
    public init(
        monitor: Monitor = .valLoss, factor: Double = 0.1, patience: Int = 10, mode: MonitorMode = .auto,
        minDelta: Double = 1e-4,
        cooldown: Int = 0, minLr: Double = 0
    ) throws {
        guard factor > 0 && factor < 1 else {
            throw LearnError.invalidParameter(name: "factor", expected: "a number in (0, 1)", got: "\(factor)")
        }
        (self.monitor, self.factor, self.patience, self.minDelta, self.cooldown, self.minLr) = (
            monitor, factor, patience, minDelta, cooldown, minLr
        )
        tracker = BestTracker(monitor: monitor, mode: mode, minDelta: minDelta)
    }

    /// Resets the counters.
    public override func onTrainBegin(model: inout some Network) throws {
        tracker.reset()
        (wait, cooldownCounter) = (0, 0)
    }

    /// Logs the epoch's `learning_rate`, then applies Keras' rule to the next epochs' rate.
    public override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
        -> CallbackAction
    {
        guard let rate = model.learningRate else { return .proceed }
        logs["learning_rate"] = rate
        guard let current = logs[monitor.rawValue] else { return .proceed }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if tracker.record(current) {
            wait = 0
        } else if cooldownCounter == 0 {
            wait += 1
            if wait >= patience, rate > minLr {
                // Keras keeps the rate in float32.
                model.learningRate = Double(Float(Swift.max(rate * factor, minLr)))
                (cooldownCounter, wait) = (cooldown, 0)
            }
        }
        return .proceed
    }
}
