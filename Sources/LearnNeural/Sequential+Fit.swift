import Foundation
import LearnCore

extension Sequential {
    /// The optimizer's learning rate (`nil` before ``compile(optimizer:loss:metrics:)``); callbacks such as
    /// ``ReduceLROnPlateau`` change it between epochs.
    public var learningRate: Double? {
        get { optimizer?.learningRate }
        set { if let newValue { optimizer?.learningRate = newValue } }
    }

    /// Trains on `x` with integer class labels (binary: one sigmoid output; sparse: one output per class)
    /// for `epochs` epochs of shuffled mini-batches (Keras' `fit`). `validationSplit` holds out the *last*
    /// fraction of the rows, before shuffling, as Keras does; `validationData` gives a validation set
    /// instead. `classWeight` (label → weight) or `sampleWeight` (one per row) weight each sample's loss.
    /// `verbose`: 0 silent, 1 a live progress bar on a terminal (else one line per epoch), 2 one line per epoch.
    /// - Throws: `LearnError` when not compiled, for bad shapes, NaN in the data, labels outside the
    ///   output range or missing from `classWeight`, `batchSize` < 1, a loss that turns NaN (naming the
    ///   epoch and batch), or a callback's error.
    @discardableResult
    public mutating func fit(
        _ x: Matrix<Double>, _ y: [Int], epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Matrix<Double>, y: [Int])? = nil, shuffle: Bool = true, classWeight: [Int: Double]? = nil,
        sampleWeight: [Double]? = nil, callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        try train(
            x, sampleShape: nil, targets: y.map(Float.init),
            sampleWeight: try Self.weights(y, classWeight: classWeight, sampleWeight: sampleWeight),
            validation: validationData.map { ($0.x, $0.y.map(Float.init)) }, epochs: epochs, batchSize: batchSize,
            validationSplit: validationSplit, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    /// Trains on real-valued targets: one per row for a single output, or `rows × outputs` values
    /// (one-hot rows for categorical cross-entropy).
    @discardableResult
    public mutating func fit(
        _ x: Matrix<Double>, _ y: Matrix<Double>, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Matrix<Double>, y: Matrix<Double>)? = nil, shuffle: Bool = true,
        sampleWeight: [Double]? = nil, callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        guard y.rows == x.rows else {
            throw LearnError.shapeMismatch(
                operation: "Sequential.fit", expected: "y with \(x.rows) rows", got: "\(y.rows)")
        }
        return try train(
            x, sampleShape: nil, targets: y.scalars.map(Float.init), sampleWeight: sampleWeight,
            validation: validationData.map { ($0.x, $0.y.scalars.map(Float.init)) }, epochs: epochs,
            batchSize: batchSize,
            validationSplit: validationSplit, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    /// Per-sample weights from `classWeight` (label → weight) times `sampleWeight`.
    static func weights(_ y: [Int], classWeight: [Int: Double]?, sampleWeight: [Double]?) throws -> [Double]? {
        if let sampleWeight, sampleWeight.count != y.count {
            throw LearnError.shapeMismatch(
                operation: "Sequential.fit", expected: "\(y.count) sample weights",
                got: "\(sampleWeight.count)")
        }
        guard let classWeight else { return sampleWeight }
        return try y.enumerated().map { index, label in
            guard let weight = classWeight[label] else {
                throw LearnError.unknownLabel("label \(label) has no entry in classWeight")
            }
            return weight * (sampleWeight?[index] ?? 1)
        }
    }

    /// Checks the settings and the data, builds the network on first use (for samples of `sampleShape`,
    /// or flat rows), and splits off validation rows.
    private mutating func prepareTraining(
        _ x: Matrix<Double>, sampleShape: [Int]?, targets: [Float], sampleWeight: [Double]?, epochs: Int,
        batchSize: Int, validationSplit: Double
    ) throws -> (loss: Loss, trainRows: Int, targetWidth: Int, width: Int) {
        guard optimizer != nil, let loss else {
            throw LearnError.invalidParameter(
                name: "compile", expected: "compile(optimizer:loss:) before fit", got: "an uncompiled network")
        }
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
        if inputShape == nil { try build(inputShape: sampleShape ?? [x.columns]) }
        try checkSampleShape(sampleShape, "Sequential.fit")
        try checkInput(x, width: inputShape?.reduce(1, *) ?? 0, "Sequential.fit")
        guard targets.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "Sequential.fit") }
        if let sampleWeight {
            guard sampleWeight.count == x.rows else {
                throw LearnError.shapeMismatch(
                    operation: "Sequential.fit", expected: "\(x.rows) sample weights", got: "\(sampleWeight.count)")
            }
            guard sampleWeight.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw LearnError.invalidParameter(
                    name: "sampleWeight", expected: "finite, non-negative weights",
                    got: "a negative or non-finite weight")
            }
        }
        let width = try activationWidths().last ?? 1
        let targetWidth = loss.targetWidth(predictionWidth: width)
        guard targets.count == x.rows * targetWidth else {
            throw LearnError.shapeMismatch(
                operation: "Sequential.fit", expected: "\(targetWidth) target value(s) per row for \(loss.kerasName)",
                got: "\(targets.count / Swift.max(1, x.rows)) per row")
        }
        try checkTargets(targets, loss: loss, width: width)
        let trainRows = validationSplit > 0 ? Int(Double(x.rows) * (1 - validationSplit)) : x.rows
        guard trainRows >= 1 else {
            throw LearnError.invalidParameter(
                name: "validationSplit", expected: "at least one training row", got: "\(validationSplit)")
        }
        return (loss, trainRows, targetWidth, width)
    }

    mutating func train(
        _ x: Matrix<Double>, sampleShape: [Int]?, targets: [Float], sampleWeight: [Double]?,
        validation: (Matrix<Double>, [Float])?,
        epochs: Int, batchSize: Int, validationSplit: Double, shuffle: Bool, callbacks: [Callback],
        verbose: Int
    ) throws -> History {
        let (loss, trainRows, targetWidth, width) = try prepareTraining(
            x, sampleShape: sampleShape, targets: targets, sampleWeight: sampleWeight, epochs: epochs,
            batchSize: batchSize, validationSplit: validationSplit)
        var validation = validation
        if validation == nil && trainRows < x.rows {
            validation = (try x.rows(in: trainRows..<x.rows), Array(targets[(trainRows * targetWidth)...]))
        }
        if let (validationX, validationTargets) = validation {
            try checkInput(validationX, width: inputShape?.reduce(1, *) ?? 0, "Sequential.fit validation data")
            guard validationTargets.count == validationX.rows * targetWidth else {
                throw LearnError.shapeMismatch(
                    operation: "Sequential.fit validation data", expected: "\(targetWidth) target value(s) per row",
                    got: "\(validationTargets.count / Swift.max(1, validationX.rows)) per row")
            }
            try checkTargets(validationTargets, loss: loss, width: width)
        }
        let data = x.scalars.map { Float($0) }
        let weights = sampleWeight.map { $0.map(Float.init) }
        var workspace = try Workspace(network: self, batch: Swift.min(batchSize, trainRows))
        var order = Array(0..<trainRows)
        var batchTargets = [Float](repeating: 0, count: workspace.batch * targetWidth)
        var batchWeights = [Float](repeating: 1, count: workspace.batch)
        // The epoch's predictions and targets, in visiting order, for the metrics.
        var seenPredictions = [Float](repeating: 0, count: metrics.isEmpty ? 0 : trainRows * width)
        var seenTargets = [Float](repeating: 0, count: metrics.isEmpty ? 0 : trainRows * targetWidth)
        let steps = (trainRows + workspace.batch - 1) / workspace.batch
        var progress = ProgressBar(epochs: epochs, steps: steps, verbose: verbose)
        var history = History()
        for callback in callbacks { try callback.onTrainBegin(model: &self) }
        for epoch in 0..<epochs {
            for callback in callbacks { try callback.onEpochBegin(epoch, model: &self) }
            progress.beginEpoch(epoch)
            if shuffle { rng.shuffle(&order) }
            var lossTotal = 0.0
            var start = 0, batchIndex = 0
            while start < trainRows {
                let rows = Swift.min(workspace.batch, trainRows - start)
                let batchOrder = order[start..<(start + rows)]
                Self.gather(data, width: x.columns, order: batchOrder, into: &workspace.activations)
                Self.gather(targets, width: targetWidth, order: batchOrder, into: &batchTargets)
                if let weights { Self.gather(weights, width: 1, order: batchOrder, into: &batchWeights) }
                let batchLoss = try step(
                    &workspace, rows: rows, targets: batchTargets, weights: weights == nil ? nil : batchWeights,
                    loss: loss,
                    width: width)
                guard batchLoss.isFinite else {
                    throw LearnError.invalidParameter(
                        name: "loss", expected: "a finite loss (lower the learning rate or scale the data)",
                        got: "\(batchLoss) at epoch \(epoch + 1), batch \(batchIndex + 1)")
                }
                if !metrics.isEmpty {
                    let output = workspace.output(rows: rows)
                    seenPredictions.replaceSubrange((start * width)..<((start + rows) * width), with: output)
                    seenTargets.replaceSubrange(
                        (start * targetWidth)..<((start + rows) * targetWidth),
                        with: batchTargets[0..<(rows * targetWidth)])
                }
                lossTotal += Double(batchLoss) * Double(rows)
                start += rows
                batchIndex += 1
                for callback in callbacks {
                    try callback.onBatchEnd(batchIndex - 1, loss: Double(batchLoss), model: &self)
                }
                progress.update(step: batchIndex, loss: lossTotal / Double(start))
            }
            var logs = Metric.evaluate(
                metrics, predictions: seenPredictions[...], targets: seenTargets[...], loss: loss, width: width)
            logs["loss"] = lossTotal / Double(trainRows)
            if let (validationX, validationTargets) = validation {
                for (key, value) in try evaluate(validationX, targets: validationTargets) { logs["val_" + key] = value }
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

    /// One training step on the batch in the workspace: forward, loss (+ regularisers), backward, update.
    /// Returns the batch's loss.
    private mutating func step(
        _ workspace: inout Workspace, rows: Int, targets: [Float], weights: [Float]?, loss: Loss, width: Int
    ) throws -> Float {
        forward(&workspace, rows: rows, training: true)
        let outputStart = workspace.activationOffsets[workspace.activationOffsets.count - 1]
        let dataLoss = try workspace.activations.withUnsafeBufferPointer { a in
            try workspace.gradients.withUnsafeMutableBufferPointer { g in
                try targets.withUnsafeBufferPointer { t in
                    try Self.withOptionalPointer(weights) { w in
                        try loss.evaluate(
                            predictions: a.baseAddress! + outputStart, targets: t.baseAddress!, rows: rows,
                            width: width,
                            gradient: g.baseAddress! + outputStart, sampleWeights: w)
                    }
                }
            }
        }
        let penalty = backward(&workspace, rows: rows)
        parameters.withUnsafeMutableBufferPointer { p in
            workspace.parameterGradients.withUnsafeBufferPointer { g in
                if let base = p.baseAddress { optimizer?.step(base, gradients: g.baseAddress!, count: p.count) }
            }
        }
        return dataLoss + penalty
    }

    static func withOptionalPointer<R>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) throws -> R) rethrows -> R {
        guard let values else { return try body(nil) }
        return try values.withUnsafeBufferPointer { try body($0.baseAddress) }
    }

    /// Loss and metrics on `(x, y)` without dropout (Keras' `evaluate`), keyed `loss`, `accuracy`, ….
    /// The loss includes the regularisers' penalty, as Keras reports it.
    public func evaluate(_ x: Matrix<Double>, _ y: [Int], batchSize: Int = 32) throws -> [String: Double] {
        try evaluate(x, targets: y.map(Float.init), batchSize: batchSize)
    }

    /// Loss and metrics on real-valued or one-hot targets.
    public func evaluate(_ x: Matrix<Double>, _ y: Matrix<Double>, batchSize: Int = 32) throws -> [String: Double] {
        try evaluate(x, targets: y.scalars.map(Float.init), batchSize: batchSize)
    }

    func evaluate(_ x: Matrix<Double>, targets: [Float], batchSize: Int = 32) throws -> [String: Double] {
        guard let loss else {
            throw LearnError.invalidParameter(
                name: "compile", expected: "compile(optimizer:loss:) before evaluate", got: "an uncompiled network")
        }
        let predictions = try predict(x, batchSize: batchSize)
        let values = predictions.scalars.map(Float.init)
        let width = predictions.columns
        guard targets.count == x.rows * loss.targetWidth(predictionWidth: width) else {
            throw LearnError.shapeMismatch(
                operation: "Sequential.evaluate", expected: "\(x.rows) targets", got: "\(targets.count)")
        }
        guard targets.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "Sequential.evaluate") }
        try checkTargets(targets, loss: loss, width: width)
        let value = try values.withUnsafeBufferPointer { p in
            try targets.withUnsafeBufferPointer { t in
                try loss.evaluate(
                    predictions: p.baseAddress!, targets: t.baseAddress!, rows: x.rows, width: width, gradient: nil)
            }
        }
        var result = Metric.evaluate(metrics, predictions: values[...], targets: targets[...], loss: loss, width: width)
        result["loss"] = Double(value + regularizationPenalty())
        return result
    }

    /// Labels must fit the output: 0/1 for a binary cross-entropy, `0..<width` for sparse labels.
    private func checkTargets(_ targets: [Float], loss: Loss, width: Int) throws {
        switch loss {
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
