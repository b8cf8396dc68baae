import Foundation
import LearnCore

extension Sequential {
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
        try FitChecks.settings(epochs: epochs, batchSize: batchSize, validationSplit: validationSplit)
        if inputShape == nil { try build(inputShape: sampleShape ?? [x.columns]) }
        try checkSampleShape(sampleShape, "Sequential.fit")
        try checkInput(x, width: inputShape?.reduce(1, *) ?? 0, "Sequential.fit")
        try FitChecks.sampleWeight(sampleWeight, rows: x.rows, "Sequential.fit")
        let width = try activationWidths().last ?? 1
        let targetWidth = loss.targetWidth(predictionWidth: width)
        guard targets.count == x.rows * targetWidth else {
            throw LearnError.shapeMismatch(
                operation: "Sequential.fit", expected: "\(targetWidth) target value(s) per row for \(loss.kerasName)",
                got: "\(targets.count / Swift.max(1, x.rows)) per row")
        }
        try loss.checkTargets(targets, width: width, "Sequential.fit")
        let trainRows = try FitChecks.trainRows(x.rows, validationSplit: validationSplit)
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
        let all = TrainingData([x], targets: [targets], targetWidths: [targetWidth], sampleWeight: sampleWeight)
        var validationData = validation.map {
            TrainingData([$0.0], targets: [$0.1], targetWidths: [targetWidth], sampleWeight: nil)
        }
        if validationData == nil && trainRows < x.rows { validationData = all.rows(in: trainRows..<x.rows) }
        if let (validationX, validationTargets) = validation {
            try checkInput(validationX, width: inputShape?.reduce(1, *) ?? 0, "Sequential.fit validation data")
            guard validationTargets.count == validationX.rows * targetWidth else {
                throw LearnError.shapeMismatch(
                    operation: "Sequential.fit validation data", expected: "\(targetWidth) target value(s) per row",
                    got: "\(validationTargets.count / Swift.max(1, validationX.rows)) per row")
            }
            try loss.checkTargets(validationTargets, width: width, "Sequential.fit validation data")
        }
        return try runFit(
            trainRows < x.rows ? all.rows(in: 0..<trainRows) : all, validation: validationData,
            objective: objective(loss), epochs: epochs, batchSize: batchSize, shuffle: shuffle, callbacks: callbacks,
            verbose: verbose)
    }

    /// One optimizer step on exactly these rows as one batch (Keras' `train_on_batch`), integer labels;
    /// returns the batch's loss (before the step) and metrics.
    ///
    /// ```swift
    /// var net = Sequential(randomState: 0) { Dense(1, activation: .sigmoid) }
    /// net.compile(optimizer: SGD(learningRate: 0.5), loss: .binaryCrossentropy)
    /// let x = try Matrix<Double>([[0], [1]])
    /// let first = try net.trainOnBatch(x, [0, 1])["loss"]!
    /// for _ in 0..<20 { try net.trainOnBatch(x, [0, 1]) }
    /// print(try net.testOnBatch(x, [0, 1])["loss"]! < first)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// true
    /// ```
    @discardableResult
    public mutating func trainOnBatch(_ x: Matrix<Double>, _ y: [Int], sampleWeight: [Double]? = nil) throws
        -> [String: Double]
    {
        let (data, loss) = try batchData(x, targets: y.map(Float.init), sampleWeight: sampleWeight)
        return try trainOnBatch(data, objective: objective(loss))
    }

    /// One optimizer step on these rows with real-valued (or one-hot) targets.
    @discardableResult
    public mutating func trainOnBatch(_ x: Matrix<Double>, _ y: Matrix<Double>, sampleWeight: [Double]? = nil) throws
        -> [String: Double]
    {
        let (data, loss) = try batchData(x, targets: y.scalars.map(Float.init), sampleWeight: sampleWeight)
        return try trainOnBatch(data, objective: objective(loss))
    }

    /// The loss and metrics of these rows as one batch, without training (Keras' `test_on_batch`).
    public func testOnBatch(_ x: Matrix<Double>, _ y: [Int], sampleWeight: [Double]? = nil) throws -> [String: Double] {
        var network = self
        let (data, loss) = try network.batchData(x, targets: y.map(Float.init), sampleWeight: sampleWeight)
        return try network.testOnBatch(data, objective: objective(loss))
    }

    /// The loss and metrics of these rows with real-valued (or one-hot) targets.
    public func testOnBatch(_ x: Matrix<Double>, _ y: Matrix<Double>, sampleWeight: [Double]? = nil) throws
        -> [String: Double]
    {
        var network = self
        let (data, loss) = try network.batchData(x, targets: y.scalars.map(Float.init), sampleWeight: sampleWeight)
        return try network.testOnBatch(data, objective: objective(loss))
    }

    /// The predictions for these rows as one batch (Keras' `predict_on_batch`).
    public func predictOnBatch(_ x: Matrix<Double>) throws -> Matrix<Double> {
        try predict(x, batchSize: Swift.max(1, x.rows))
    }

    /// The checked rows of one batch call (the network is built on first use, as `fit` builds it).
    private mutating func batchData(_ x: Matrix<Double>, targets: [Float], sampleWeight: [Double]?) throws
        -> (TrainingData, Loss)
    {
        let (loss, _, targetWidth, _) = try prepareTraining(
            x, sampleShape: nil, targets: targets, sampleWeight: sampleWeight, epochs: 1, batchSize: 1,
            validationSplit: 0)
        return (TrainingData([x], targets: [targets], targetWidths: [targetWidth], sampleWeight: sampleWeight), loss)
    }

    /// The compiled loss and metrics of the single output.
    func objective(_ loss: Loss) -> TrainingObjective {
        TrainingObjective(losses: [loss], lossWeights: [1], metrics: metrics, outputNames: [layers.last?.name ?? ""])
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
        guard let inputShape else { throw LearnError.notFitted(type: "Sequential") }
        try checkInput(x, width: inputShape.reduce(1, *), "Sequential.evaluate")
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        let width = try activationWidths().last ?? 1
        let targetWidth = loss.targetWidth(predictionWidth: width)
        guard targets.count == x.rows * targetWidth else {
            throw LearnError.shapeMismatch(
                operation: "Sequential.evaluate", expected: "\(x.rows) targets", got: "\(targets.count)")
        }
        try loss.checkTargets(targets, width: width, "Sequential.evaluate")
        let data = TrainingData([x], targets: [targets], targetWidths: [targetWidth], sampleWeight: nil)
        return try evaluationLogs(data, objective: objective(loss), batchSize: batchSize)
    }
}
