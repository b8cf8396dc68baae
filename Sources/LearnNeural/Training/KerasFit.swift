import Foundation
import LearnCore

/// What `compile` chose for training, as the epoch loop and `evaluate` read it: one loss and weight per
/// output, the metrics, and the names Keras gives the per-output logs.
struct TrainingObjective {
    /// One loss per output.
    let losses: [Loss]
    /// One weight per output (Keras' `loss_weights`, 1 by default).
    let lossWeights: [Float]
    /// Metrics computed on every output.
    let metrics: [Metric]
    /// The outputs' names; with more than one output the logs carry `<name>_loss` and `<name>_<metric>`.
    let outputNames: [String]

    /// The key of `metric` (`loss`, `accuracy`, …) for output `k`: Keras 3 prefixes the output's name when a
    /// model has several.
    func key(_ metric: String, output k: Int) -> String {
        outputNames.count > 1 ? "\(outputNames[k])_\(metric)" : metric
    }

    /// Each output's target width for predictions of `widths`.
    func targetWidths(_ widths: [Int]) -> [Int] { zip(losses, widths).map { $0.targetWidth(predictionWidth: $1) } }

    /// Logs of the total loss, each output's loss (when several) and each output's metrics.
    func logs(
        total: Double, outputLosses: [Double], predictions: [ArraySlice<Float>], targets: [ArraySlice<Float>],
        widths: [Int]
    ) -> [String: Double] {
        var logs: [String: Double] = [:]
        for k in losses.indices {
            let values = Metric.evaluate(
                metrics, predictions: predictions[k], targets: targets[k], loss: losses[k], width: widths[k])
            for (name, value) in values { logs[key(name, output: k)] = value }
            if losses.count > 1 { logs[key("loss", output: k)] = outputLosses[k] }
        }
        logs["loss"] = total
        return logs
    }
}

/// The checks every network's `fit` makes on its settings and sample weights, and the training rows that
/// `validationSplit` leaves.
enum FitChecks {
    /// At least one epoch, batches of at least one row, a split in [0, 1).
    static func settings(epochs: Int, batchSize: Int, validationSplit: Double) throws {
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        guard epochs >= 1 else {
            throw LearnError.invalidParameter(name: "epochs", expected: "at least 1", got: "\(epochs)")
        }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw LearnError.invalidParameter(
                name: "validationSplit", expected: "a fraction in [0, 1)", got: "\(validationSplit)")
        }
    }

    /// One finite, non-negative weight per row, or none.
    static func sampleWeight(_ sampleWeight: [Double]?, rows: Int, _ operation: String) throws {
        guard let sampleWeight else { return }
        guard sampleWeight.count == rows else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "\(rows) sample weights", got: "\(sampleWeight.count)")
        }
        guard sampleWeight.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw LearnError.invalidParameter(
                name: "sampleWeight", expected: "finite, non-negative weights", got: "a negative or non-finite weight")
        }
    }

    /// The rows before Keras' validation split (the last `validationSplit` of them are held out).
    static func trainRows(_ rows: Int, validationSplit: Double) throws -> Int {
        let trainRows = validationSplit > 0 ? Int(Double(rows) * (1 - validationSplit)) : rows
        guard trainRows >= 1 else {
            throw LearnError.invalidParameter(
                name: "validationSplit", expected: "at least one training row", got: "\(validationSplit)")
        }
        return trainRows
    }
}

/// The checks every `fit`, `evaluate` and `*OnBatch` makes on targets.
extension Loss {
    /// Labels must fit the output: 0/1 for a binary cross-entropy, `0..<width` for sparse labels; every
    /// target must be finite.
    func checkTargets(_ targets: [Float], width: Int, _ operation: String) throws {
        guard targets.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: operation) }
        switch self {
        case .binaryCrossentropy:
            if let bad = targets.first(where: { $0 < 0 || $0 > 1 }) {
                throw LearnError.unknownLabel("label \(bad) is outside 0...1 for binary cross-entropy")
            }
        case .sparseCategoricalCrossentropy:
            if let bad = targets.first(where: { $0 < 0 || $0 >= Float(width) || $0.rounded() != $0 }) {
                throw LearnError.unknownLabel("label \(bad) is outside the \(width) outputs")
            }
        default:
            return
        }
    }
}

extension GraphNetwork where Self: Network {
    /// Keras' `fit` loop over `data`, shared by ``Sequential`` and ``Model``: per epoch a shuffle (with the
    /// network's stream), mini-batches through one ``Trainer``, the epoch's loss and metrics in visiting
    /// order, validation, callbacks and the progress bar; returns the history.
    mutating func runFit(
        _ data: TrainingData, validation: TrainingData?, objective: TrainingObjective, epochs: Int, batchSize: Int,
        shuffle: Bool, callbacks: [Callback], verbose: Int
    ) throws -> History {
        var trainer = try Trainer(
            network: self, batch: Swift.min(batchSize, data.rows), losses: objective.losses,
            lossWeights: objective.lossWeights)
        let (widths, targetWidths, outputs) = (trainer.outputWidths, trainer.targetWidths, objective.losses.indices)
        var order = Array(0..<data.rows)
        // The epoch's predictions and targets, in visiting order, for the metrics.
        let keep = !objective.metrics.isEmpty
        var seenPredictions = outputs.map { [Float](repeating: 0, count: keep ? data.rows * widths[$0] : 0) }
        var seenTargets = outputs.map { [Float](repeating: 0, count: keep ? data.rows * targetWidths[$0] : 0) }
        let batch = trainer.workspace.batch
        var progress = ProgressBar(epochs: epochs, steps: (data.rows + batch - 1) / batch, verbose: verbose)
        var history = History()
        for callback in callbacks { try callback.onTrainBegin(model: &self) }
        for epoch in 0..<epochs {
            for callback in callbacks { try callback.onEpochBegin(epoch, model: &self) }
            progress.beginEpoch(epoch)
            if shuffle { rng.shuffle(&order) }
            var lossTotal = 0.0
            var outputTotals = [Double](repeating: 0, count: outputs.count)
            var start = 0, batchIndex = 0
            while start < data.rows {
                let rows = Swift.min(batch, data.rows - start)
                trainer.load(data, order: order[start..<(start + rows)])
                let batchLoss = try trainer.trainBatch(&self, rows: rows, weighted: data.sampleWeight != nil)
                guard batchLoss.total.isFinite else {
                    throw LearnError.invalidParameter(
                        name: "loss", expected: "a finite loss (lower the learning rate or scale the data)",
                        got: "\(batchLoss.total) at epoch \(epoch + 1), batch \(batchIndex + 1)")
                }
                if keep {
                    for k in outputs {
                        seenPredictions[k].replaceSubrange(
                            (start * widths[k])..<((start + rows) * widths[k]), with: trainer.output(k, rows: rows))
                        seenTargets[k].replaceSubrange(
                            (start * targetWidths[k])..<((start + rows) * targetWidths[k]),
                            with: trainer.targets(k, rows: rows))
                    }
                }
                lossTotal += batchLoss.total * Double(rows)
                for k in outputs { outputTotals[k] += Double(batchLoss.outputs[k]) * Double(rows) }
                start += rows
                batchIndex += 1
                for callback in callbacks {
                    try callback.onBatchEnd(batchIndex - 1, loss: batchLoss.total, model: &self)
                }
                progress.update(step: batchIndex, loss: lossTotal / Double(start))
            }
            var logs = objective.logs(
                total: lossTotal / Double(data.rows), outputLosses: outputTotals.map { $0 / Double(data.rows) },
                predictions: seenPredictions.map { $0[...] }, targets: seenTargets.map { $0[...] }, widths: widths)
            if let validation {
                for (key, value) in try evaluationLogs(validation, objective: objective, batchSize: batchSize) {
                    logs["val_" + key] = value
                }
            }
            var stop = false
            for callback in callbacks {
                if try callback.onEpochEnd(epoch, logs: &logs, model: &self) == .stop { stop = true }
            }
            for (key, value) in logs { history.history[key, default: []].append(value) }
            history.epoch.append(epoch)
            progress.endEpoch(epoch, logs: logs)
            if stop { break }
        }
        for callback in callbacks { try callback.onTrainEnd(model: &self) }
        return history
    }

    /// Keras' `evaluate`: the loss (Σ wₖ·Lₖ over all rows, plus the regularisers' penalty), each output's
    /// loss when there are several, and the metrics, in inference mode.
    func evaluationLogs(_ data: TrainingData, objective: TrainingObjective, batchSize: Int) throws -> [String: Double] {
        let predictions = try outputs(data, batchSize: batchSize)
        let widths = predictions.map { data.rows > 0 ? $0.count / data.rows : 0 }
        var total: Float = 0
        var outputLosses: [Double] = []
        for k in objective.losses.indices {
            let value = try predictions[k].withUnsafeBufferPointer { p in
                try data.targets[k].withUnsafeBufferPointer { t in
                    try objective.losses[k].evaluate(
                        predictions: p.baseAddress!, targets: t.baseAddress!, rows: data.rows, width: widths[k],
                        gradient: nil)
                }
            }
            let weight = objective.lossWeights[k]
            total += weight == 1 ? value : value * weight
            outputLosses.append(Double(value))
        }
        return objective.logs(
            total: Double(total + regularizationPenalty()), outputLosses: outputLosses,
            predictions: predictions.map { $0[...] }, targets: data.targets.map { $0[...] }, widths: widths)
    }
}
