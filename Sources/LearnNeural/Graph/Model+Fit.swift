import LearnCore

/// Keras' training API for functional models: `compile`, `fit`, `evaluate` and the `*OnBatch` calls, on the
/// same ``Trainer`` and epoch loop as ``Sequential``.
extension Model {
    /// Chooses the optimizer, one loss for every output, optional per-output loss weights (by output name,
    /// 1 when absent) and the metrics reported for every output (Keras' `compile`).
    ///
    /// ```swift
    /// let inputs = Input(shape: [6])
    /// let hidden = Dense(8, activation: .relu)(inputs)
    /// let cls = Dense(1, activation: .sigmoid, name: "cls")(hidden)
    /// let reg = Dense(2, name: "reg")(hidden)
    /// var model = try Model(inputs: [inputs], outputs: [cls, reg])
    /// try model.compile(
    ///     optimizer: Adam(learningRate: 0.01), loss: ["cls": .binaryCrossentropy, "reg": .meanSquaredError],
    ///     lossWeights: ["cls": 1, "reg": 0.5])
    /// print(model.lossWeights)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// [1.0, 0.5]
    /// ```
    /// - Throws: `LearnError.invalidParameter` for a loss or weight naming no output, an output without a
    ///   loss, or a negative or non-finite weight.
    public mutating func compile(
        optimizer: some Optimizer, loss: [String: Loss], lossWeights: [String: Double] = [:], metrics: [Metric] = []
    ) throws {
        for name in Set(loss.keys).union(lossWeights.keys) where !outputNames.contains(name) {
            throw LearnError.invalidParameter(
                name: "loss", expected: "output names among \(outputNames)", got: name)
        }
        let chosen = try outputNames.map { name in
            guard let value = loss[name] else {
                throw LearnError.invalidParameter(name: "loss", expected: "a loss for output \(name)", got: "none")
            }
            return value
        }
        let weights = try outputNames.map { name -> Float in
            let weight = lossWeights[name] ?? 1
            guard weight.isFinite, weight >= 0 else {
                throw LearnError.invalidParameter(
                    name: "lossWeights", expected: "a finite, non-negative weight for \(name)", got: "\(weight)")
            }
            return Float(weight)
        }
        var prepared = optimizer
        prepared.prepare(parameterCount: trainableParameterCount)
        (self.optimizer, losses, self.lossWeights, self.metrics) = (prepared, chosen, weights, metrics)
    }

    /// Chooses the optimizer, the same loss for every output, and the metrics.
    /// - Throws: as ``compile(optimizer:loss:lossWeights:metrics:)-(_,[String:Loss],_,_)``.
    public mutating func compile(
        optimizer: some Optimizer, loss: Loss, lossWeights: [String: Double] = [:], metrics: [Metric] = []
    ) throws {
        let all = Dictionary(uniqueKeysWithValues: Set(outputNames).map { ($0, loss) })
        try compile(optimizer: optimizer, loss: all, lossWeights: lossWeights, metrics: metrics)
    }

    /// Trains on one matrix per input and one target matrix per output (in ``inputNames`` and
    /// ``outputNames`` order, rows aligned) for `epochs` epochs of mini-batches (Keras' `fit`). Targets are
    /// `rows × width` values, or one column of class indices for a sparse categorical cross-entropy.
    /// `validationSplit` holds out the last fraction of the rows, before shuffling, as Keras does. With
    /// several outputs the history has the total `loss`, each `<output>_loss` and `<output>_<metric>`.
    ///
    /// ```swift
    /// let inputs = Input(shape: [2])
    /// let hidden = Dense(4, activation: .tanh)(inputs)
    /// var model = try Model(inputs: inputs, outputs: Dense(1, activation: .sigmoid)(hidden), randomState: 0)
    /// try model.compile(optimizer: Adam(learningRate: 0.1), loss: .binaryCrossentropy, metrics: [.accuracy])
    /// let x = try Matrix<Double>([[0, 0], [0, 1], [1, 0], [1, 1]])
    /// let history = try model.fit(x, [0, 1, 1, 1], epochs: 50, batchSize: 4, verbose: 0)
    /// print(history["accuracy"].last!)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// 1.0
    /// ```
    /// - Throws: `LearnError` when not compiled, for a wrong number of matrices, widths or row counts that
    ///   differ, NaN, labels the loss cannot take, bad settings, a loss that turns NaN, or a callback's error.
    @discardableResult
    public mutating func fit(
        _ x: [Matrix<Double>], _ y: [Matrix<Double>], epochs: Int = 1, batchSize: Int = 32,
        validationSplit: Double = 0, validationData: (x: [Matrix<Double>], y: [Matrix<Double>])? = nil,
        shuffle: Bool = true, sampleWeight: [Double]? = nil, callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        try FitChecks.settings(epochs: epochs, batchSize: batchSize, validationSplit: validationSplit)
        let all = try trainingData(x, y, sampleWeight: sampleWeight, "Model.fit")
        let trainRows = try FitChecks.trainRows(all.rows, validationSplit: validationSplit)
        var validation = try validationData.map {
            try trainingData($0.x, $0.y, sampleWeight: nil, "Model.fit validation data")
        }
        if validation == nil && trainRows < all.rows { validation = all.rows(in: trainRows..<all.rows) }
        return try runFit(
            trainRows < all.rows ? all.rows(in: 0..<trainRows) : all, validation: validation, objective: objective,
            epochs: epochs, batchSize: batchSize, shuffle: shuffle, callbacks: callbacks, verbose: verbose)
    }

    /// Trains a model of one input and one output on real-valued targets (or one-hot rows).
    @discardableResult
    public mutating func fit(
        _ x: Matrix<Double>, _ y: Matrix<Double>, epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Matrix<Double>, y: Matrix<Double>)? = nil, shuffle: Bool = true,
        sampleWeight: [Double]? = nil, callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        try fit(
            [x], [y], epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
            validationData: validationData.map { ([$0.x], [$0.y]) }, shuffle: shuffle, sampleWeight: sampleWeight,
            callbacks: callbacks, verbose: verbose)
    }

    /// Trains a model of one input and one output on integer class labels (one sigmoid output for binary
    /// cross-entropy, one output per class for sparse categorical cross-entropy).
    @discardableResult
    public mutating func fit(
        _ x: Matrix<Double>, _ y: [Int], epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Matrix<Double>, y: [Int])? = nil, shuffle: Bool = true, sampleWeight: [Double]? = nil,
        callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        try fit(
            [x], [try Self.labelColumn(y)], epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
            validationData: try validationData.map { ([$0.x], [try Self.labelColumn($0.y)]) }, shuffle: shuffle,
            sampleWeight: sampleWeight, callbacks: callbacks, verbose: verbose)
    }

    /// Loss and metrics on one matrix per input and one target matrix per output, in inference mode
    /// (Keras' `evaluate`); the loss includes the regularisers' penalty.
    public func evaluate(_ x: [Matrix<Double>], _ y: [Matrix<Double>], batchSize: Int = 32) throws -> [String: Double] {
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        let data = try trainingData(x, y, sampleWeight: nil, "Model.evaluate")
        return try evaluationLogs(data, objective: objective, batchSize: batchSize)
    }

    /// Loss and metrics of a model of one input and one output.
    public func evaluate(_ x: Matrix<Double>, _ y: Matrix<Double>, batchSize: Int = 32) throws -> [String: Double] {
        try evaluate([x], [y], batchSize: batchSize)
    }

    /// Loss and metrics of a model of one input and one output on integer class labels.
    public func evaluate(_ x: Matrix<Double>, _ y: [Int], batchSize: Int = 32) throws -> [String: Double] {
        try evaluate([x], [try Self.labelColumn(y)], batchSize: batchSize)
    }

    /// One optimizer step on exactly these rows as one batch (Keras' `train_on_batch`); returns the batch's
    /// loss and metrics, computed on this batch alone.
    @discardableResult
    public mutating func trainOnBatch(_ x: [Matrix<Double>], _ y: [Matrix<Double>], sampleWeight: [Double]? = nil)
        throws -> [String: Double]
    {
        let data = try trainingData(x, y, sampleWeight: sampleWeight, "Model.trainOnBatch")
        return try trainOnBatch(data, objective: objective)
    }

    /// The loss and metrics of these rows as one batch, in inference mode (Keras' `test_on_batch`).
    public func testOnBatch(_ x: [Matrix<Double>], _ y: [Matrix<Double>], sampleWeight: [Double]? = nil) throws
        -> [String: Double]
    {
        let data = try trainingData(x, y, sampleWeight: sampleWeight, "Model.testOnBatch")
        return try testOnBatch(data, objective: objective)
    }

    /// The outputs for these rows as one batch (Keras' `predict_on_batch`).
    public func predictOnBatch(_ x: [Matrix<Double>]) throws -> [Matrix<Double>] {
        try predict(x, batchSize: x.first?.rows ?? 1)
    }

    /// The compiled losses, weights and metrics.
    private var objective: TrainingObjective {
        TrainingObjective(losses: losses, lossWeights: lossWeights, metrics: metrics, outputNames: outputNames)
    }

    /// Labels as a one-column matrix.
    private static func labelColumn(_ y: [Int]) throws -> Matrix<Double> {
        try Matrix(rows: y.count, columns: 1, scalars: y.map(Double.init))
    }

    /// The checked data of `x` and `y` for the compiled losses.
    private func trainingData(
        _ x: [Matrix<Double>], _ y: [Matrix<Double>], sampleWeight: [Double]?, _ operation: String
    )
        throws -> TrainingData
    {
        guard optimizer != nil, !losses.isEmpty else {
            throw LearnError.invalidParameter(
                name: "compile", expected: "compile(optimizer:loss:) before \(operation)", got: "an uncompiled model")
        }
        try checkInputs(x, operation)
        let rows = x[0].rows
        guard y.count == losses.count else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "\(losses.count) target matrices (\(outputNames))", got: "\(y.count)")
        }
        let widths = outputShapes.map { $0.reduce(1, *) }
        let targetWidths = objective.targetWidths(widths)
        var targets: [[Float]] = []
        for (k, matrix) in y.enumerated() {
            guard matrix.rows == rows, matrix.columns == targetWidths[k] else {
                throw LearnError.shapeMismatch(
                    operation: operation,
                    expected: "\(rows) × \(targetWidths[k]) targets for \(outputNames[k]) (\(losses[k].kerasName))",
                    got: "\(matrix.rows) × \(matrix.columns)")
            }
            let values = matrix.scalars.map(Float.init)
            try losses[k].checkTargets(values, width: widths[k], operation)
            targets.append(values)
        }
        try FitChecks.sampleWeight(sampleWeight, rows: rows, operation)
        return TrainingData(x, targets: targets, targetWidths: targetWidths, sampleWeight: sampleWeight)
    }
}

extension GraphNetwork {
    /// One step on all rows of `data` as one batch; the logs of that batch.
    mutating func trainOnBatch(_ data: TrainingData, objective: TrainingObjective) throws -> [String: Double] {
        var trainer = try Trainer(
            network: self, batch: data.rows, losses: objective.losses, lossWeights: objective.lossWeights)
        trainer.load(data, order: Array(0..<data.rows)[...])
        let loss = try trainer.trainBatch(&self, rows: data.rows, weighted: data.sampleWeight != nil)
        return batchLogs(loss, trainer, rows: data.rows, objective: objective)
    }

    /// The loss and metrics of all rows of `data` as one batch, in inference mode.
    func testOnBatch(_ data: TrainingData, objective: TrainingObjective) throws -> [String: Double] {
        var network = self
        var trainer = try Trainer(
            network: network, batch: data.rows, losses: objective.losses, lossWeights: objective.lossWeights)
        trainer.load(data, order: Array(0..<data.rows)[...])
        let loss = try trainer.testBatch(&network, rows: data.rows, weighted: data.sampleWeight != nil)
        return batchLogs(loss, trainer, rows: data.rows, objective: objective)
    }

    private func batchLogs(_ loss: BatchLoss, _ trainer: Trainer, rows: Int, objective: TrainingObjective)
        -> [String: Double]
    {
        let outputs = objective.losses.indices
        return objective.logs(
            total: loss.total, outputLosses: loss.outputs.map(Double.init),
            predictions: outputs.map { trainer.output($0, rows: rows) },
            targets: outputs.map { trainer.targets($0, rows: rows) }, widths: trainer.outputWidths)
    }
}

extension Model: Network {}
