import Foundation
import LearnCore

extension Sequential {
    /// Trains on `x` with integer class labels (binary: one sigmoid output; sparse: one output per class)
    /// for `epochs` epochs of shuffled mini-batches (Keras' `fit`). `validationSplit` holds out the *last*
    /// fraction of the rows, before shuffling, as Keras does.
    /// - Throws: ``LearnError`` when not compiled, for bad shapes, NaN in the data, labels outside the
    ///   output range, `batchSize` < 1, or a loss that turns NaN (naming the epoch and batch).
    @discardableResult
    public mutating func fit(_ x: Matrix<Double>, _ y: [Int], epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
                             shuffle: Bool = true, callbacks: [any Callback] = [], verbose: Int = 0) throws -> History {
        try fit(x, targets: y.map(Float.init), epochs: epochs, batchSize: batchSize, validationSplit: validationSplit, shuffle: shuffle,
                callbacks: callbacks, verbose: verbose)
    }

    /// Trains on real-valued targets: one per row for a single output, or `rows × outputs` values
    /// (one-hot rows for categorical cross-entropy).
    @discardableResult
    public mutating func fit(_ x: Matrix<Double>, _ y: Matrix<Double>, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
                             shuffle: Bool = true, callbacks: [any Callback] = [], verbose: Int = 0) throws -> History {
        guard y.rows == x.rows else {
            throw LearnError.shapeMismatch(operation: "Sequential.fit", expected: "y with \(x.rows) rows", got: "\(y.rows)")
        }
        return try fit(x, targets: y.scalars.map(Float.init), epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                       shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    private mutating func fit(_ x: Matrix<Double>, targets: [Float], epochs: Int, batchSize: Int, validationSplit: Double,
                              shuffle: Bool, callbacks: [any Callback], verbose: Int) throws -> History {
        guard var optimizer, let loss else {
            throw LearnError.invalidParameter(name: "compile", expected: "compile(optimizer:loss:) before fit", got: "an uncompiled network")
        }
        guard batchSize >= 1 else { throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)") }
        guard epochs >= 1 else { throw LearnError.invalidParameter(name: "epochs", expected: "at least 1", got: "\(epochs)") }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw LearnError.invalidParameter(name: "validationSplit", expected: "a fraction in [0, 1)", got: "\(validationSplit)")
        }
        if inputShape == nil { try build(inputShape: [x.columns]) }
        try checkInput(x, width: inputShape?.reduce(1, *) ?? 0, "Sequential.fit")
        guard targets.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "Sequential.fit") }
        let width = try activationWidths().last ?? 1
        let targetWidth = loss.targetWidth(predictionWidth: width)
        guard targets.count == x.rows * targetWidth else {
            throw LearnError.shapeMismatch(operation: "Sequential.fit", expected: "\(targetWidth) target value(s) per row for \(loss.kerasName)",
                                           got: "\(targets.count / Swift.max(1, x.rows)) per row")
        }
        try checkTargets(targets, loss: loss, width: width)
        let trainRows = validationSplit > 0 ? Int(Double(x.rows) * (1 - validationSplit)) : x.rows
        guard trainRows >= 1 else { throw LearnError.invalidParameter(name: "validationSplit", expected: "at least one training row", got: "\(validationSplit)") }
        let data = x.scalars.map { Float($0) }
        var callbacks = callbacks
        for index in callbacks.indices { callbacks[index].onTrainBegin() }
        var history = History()
        var workspace = try Workspace(network: self, batch: Swift.min(batchSize, trainRows))
        var order = Array(0..<trainRows)
        var batchTargets = [Float](repeating: 0, count: workspace.batch * targetWidth)
        for epoch in 0..<epochs {
            if shuffle { rng.shuffle(&order) }
            var lossTotal = 0.0, correct = 0.0, seen = 0
            var start = 0, batchIndex = 0
            while start < trainRows {
                let rows = Swift.min(workspace.batch, trainRows - start)
                let batchOrder = order[start..<(start + rows)]
                Self.gather(data, width: x.columns, order: batchOrder, into: &workspace.activations)
                Self.gather(targets, width: targetWidth, order: batchOrder, into: &batchTargets)
                forward(&workspace, rows: rows, training: true)
                let outputStart = workspace.activationOffsets[workspace.activationOffsets.count - 1]
                let batchLoss = try workspace.activations.withUnsafeBufferPointer { a in
                    try workspace.gradients.withUnsafeMutableBufferPointer { g in
                        try batchTargets.withUnsafeBufferPointer { t in
                            try loss.evaluate(predictions: a.baseAddress! + outputStart, targets: t.baseAddress!, rows: rows, width: width,
                                              gradient: g.baseAddress! + outputStart)
                        }
                    }
                }
                guard batchLoss.isFinite else {
                    throw LearnError.invalidParameter(
                        name: "loss", expected: "a finite loss (lower the learning rate or scale the data)",
                        got: "\(batchLoss) at epoch \(epoch + 1), batch \(batchIndex + 1)")
                }
                backward(&workspace, rows: rows)
                parameters.withUnsafeMutableBufferPointer { p in
                    workspace.parameterGradients.withUnsafeBufferPointer { g in
                        if let base = p.baseAddress { optimizer.step(base, gradients: g.baseAddress!, count: p.count) }
                    }
                }
                lossTotal += Double(batchLoss) * Double(rows)
                correct += Self.correctCount(workspace.output(rows: rows), batchTargets[0..<(rows * targetWidth)], loss: loss, width: width)
                seen += rows
                start += rows
                batchIndex += 1
            }
            var logs = ["loss": lossTotal / Double(seen)]
            if metrics.contains(.accuracy) { logs["accuracy"] = correct / Double(seen) }
            if trainRows < x.rows {
                let validation = try x.rows(in: trainRows..<x.rows)
                let validationTargets = Array(targets[(trainRows * targetWidth)...])
                for (key, value) in try evaluate(validation, targets: validationTargets) { logs["val_" + key] = value }
            }
            for (key, value) in logs { history.history[key, default: []].append(value) }
            history.epoch.append(epoch)
            if verbose > 0 {
                print("Epoch \(epoch + 1)/\(epochs) - " + logs.keys.sorted().map { String(format: "%@: %.4f", $0, logs[$0] ?? 0) }.joined(separator: " - "))
            }
            var stop = false
            for index in callbacks.indices {
                if case let .stop(restoring) = callbacks[index].onEpochEnd(epoch, logs: logs, parameters: parameters) {
                    if let restoring { parameters = restoring }
                    stop = true
                }
            }
            if stop { break }
        }
        self.optimizer = optimizer
        return history
    }

    /// Loss and metrics on `(x, y)` without dropout (Keras' `evaluate`), keyed `loss`, `accuracy`.
    public func evaluate(_ x: Matrix<Double>, _ y: [Int], batchSize: Int = 32) throws -> [String: Double] {
        try evaluate(x, targets: y.map(Float.init), batchSize: batchSize)
    }

    func evaluate(_ x: Matrix<Double>, targets: [Float], batchSize: Int = 32) throws -> [String: Double] {
        guard let loss else { throw LearnError.invalidParameter(name: "compile", expected: "compile(optimizer:loss:) before evaluate", got: "an uncompiled network") }
        let predictions = try predict(x, batchSize: batchSize)
        let values = predictions.scalars.map(Float.init)
        let width = predictions.columns
        guard targets.count == x.rows * loss.targetWidth(predictionWidth: width) else {
            throw LearnError.shapeMismatch(operation: "Sequential.evaluate", expected: "\(x.rows) targets", got: "\(targets.count)")
        }
        try checkTargets(targets, loss: loss, width: width)
        let value = try values.withUnsafeBufferPointer { p in
            try targets.withUnsafeBufferPointer { t in
                try loss.evaluate(predictions: p.baseAddress!, targets: t.baseAddress!, rows: x.rows, width: width, gradient: nil)
            }
        }
        var result = ["loss": Double(value)]
        if metrics.contains(.accuracy) { result["accuracy"] = Self.correctCount(values[...], targets[...], loss: loss, width: width) / Double(x.rows) }
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

    /// Keras' accuracy for the loss: binary (threshold 0.5), sparse (argmax = label) or categorical (argmax = argmax).
    static func correctCount(_ predictions: ArraySlice<Float>, _ targets: ArraySlice<Float>, loss: Loss, width: Int) -> Double {
        let rows = width > 0 ? predictions.count / width : 0
        let base = predictions.startIndex, t0 = targets.startIndex
        var correct = 0
        for r in 0..<rows {
            let row = predictions[(base + r * width)..<(base + (r + 1) * width)]
            switch loss {
            case .binaryCrossentropy(let logits):
                for j in 0..<width where ((row[row.startIndex + j] > (logits ? 0 : 0.5)) ? 1 : 0) == targets[t0 + r * width + j] { correct += 1 }
            case .sparseCategoricalCrossentropy:
                if let best = row.indices.max(by: { row[$0] < row[$1] }), Float(best - row.startIndex) == targets[t0 + r] { correct += 1 }
            default:
                let truth = targets[(t0 + r * width)..<(t0 + (r + 1) * width)]
                if let best = row.indices.max(by: { row[$0] < row[$1] }), let label = truth.indices.max(by: { truth[$0] < truth[$1] }),
                   best - row.startIndex == label - truth.startIndex { correct += 1 }
            }
        }
        let perRow = { if case .binaryCrossentropy = loss { return Double(width) } else { return 1.0 } }()
        return Double(correct) / perRow
    }
}
