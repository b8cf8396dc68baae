import LearnCore

/// What a callback asks the training loop to do after an epoch.
public enum CallbackAction: Sendable, Equatable {
    /// Go on.
    case proceed
    /// Stop training after this epoch (Keras' `model.stop_training = True`).
    case stop
}

/// A hook into `fit(…)` of a ``Sequential`` or a ``Model``, Keras' `Callback`: subclass it and override the
/// methods you need.
/// A class, so it can keep state across epochs that the caller reads afterwards. Every method does nothing
/// by default; the network is passed as `inout some Network` — one callback serves both kinds — so a
/// callback can read or change its weights, optimizer (``Network/learningRate``) or layers. Because each method is an `override`, the compiler rejects
/// one whose signature does not match — a misspelt hook is an error, not a method that is never called.
///
/// ```swift
/// final class LossLogger: Callback {
///     var losses: [Double] = []
///     override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
///         -> CallbackAction
///     {
///         losses.append(logs["loss"] ?? .nan)
///         return .proceed
///     }
/// }
/// let logger = LossLogger()
/// var net = Sequential(randomState: 0) { Dense(1, activation: .sigmoid) }
/// net.compile(optimizer: Adam(), loss: .binaryCrossentropy)
/// try net.fit(Matrix<Double>([[0], [1]]), [0, 1], epochs: 3, callbacks: [logger], verbose: 0)
/// print(logger.losses.count)
/// ```
/// <!-- doctest: output -->
/// ```text
/// 3
/// ```
/// For a few lines, ``LambdaCallback`` takes closures instead.
open class Callback {
    /// A callback with no state of its own.
    public init() {}

    /// Before the first epoch.
    open func onTrainBegin(model: inout some Network) throws {}
    /// Before each epoch (numbered from 0).
    open func onEpochBegin(_ epoch: Int, model: inout some Network) throws {}
    /// After each batch (numbered from 0 within the epoch) with its loss.
    open func onBatchEnd(_ batch: Int, loss: Double, model: inout some Network) throws {}
    /// After each epoch with its logs (`loss`, `accuracy`, `val_loss`, …); may add keys to the logs.
    /// Returns ``CallbackAction/stop`` to end training (Keras' `model.stop_training = True`).
    open func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
        -> CallbackAction
    { .proceed }
    /// After the last epoch.
    open func onTrainEnd(model: inout some Network) throws {}
}

/// Keras' `LambdaCallback`: a callback made of closures, for logging or a stopping rule in a line.
///
/// ```swift
/// var losses: [Double] = []
/// let record = LambdaCallback(onEpochEnd: { _, logs in losses.append(logs["loss"] ?? .nan) })
/// var net = Sequential(randomState: 0) { Dense(1, activation: .sigmoid) }
/// net.compile(optimizer: Adam(), loss: .binaryCrossentropy)
/// try net.fit(Matrix<Double>([[0], [1]]), [0, 1], epochs: 2, callbacks: [record], verbose: 0)
/// print(losses.count)
/// ```
/// <!-- doctest: output -->
/// ```text
/// 2
/// ```
public final class LambdaCallback: Callback {
    private let trainBegin: (() throws -> Void)?
    private let epochBegin: ((Int) throws -> Void)?
    private let batchEnd: ((Int, Double) throws -> Void)?
    private let epochEnd: ((Int, [String: Double]) throws -> Void)?
    private let trainEnd: (() throws -> Void)?

    /// Calls each closure that is given at its point of training: the epoch or batch number (from 0), the
    /// batch loss, the epoch's logs. A closure that throws stops `fit` with that error.
    public init(
        onTrainBegin: (() throws -> Void)? = nil, onEpochBegin: ((_ epoch: Int) throws -> Void)? = nil,
        onBatchEnd: ((_ batch: Int, _ loss: Double) throws -> Void)? = nil,
        onEpochEnd: ((_ epoch: Int, _ logs: [String: Double]) throws -> Void)? = nil,
        onTrainEnd: (() throws -> Void)? = nil
    ) {
        (trainBegin, epochBegin, batchEnd, epochEnd, trainEnd) = (
            onTrainBegin, onEpochBegin, onBatchEnd, onEpochEnd, onTrainEnd
        )
    }

    /// Calls `onTrainBegin`.
    public override func onTrainBegin(model: inout some Network) throws { try trainBegin?() }
    /// Calls `onEpochBegin`.
    public override func onEpochBegin(_ epoch: Int, model: inout some Network) throws { try epochBegin?(epoch) }
    /// Calls `onBatchEnd`.
    public override func onBatchEnd(_ batch: Int, loss: Double, model: inout some Network) throws {
        try batchEnd?(batch, loss)
    }
    /// Calls `onEpochEnd`; proceeds.
    public override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
        -> CallbackAction
    {
        try epochEnd?(epoch, logs)
        return .proceed
    }
    /// Calls `onTrainEnd`.
    public override func onTrainEnd(model: inout some Network) throws { try trainEnd?() }
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
