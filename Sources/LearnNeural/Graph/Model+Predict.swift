import LearnCore

extension Model {
    /// Predictions for every row of the inputs (one matrix per input, in ``inputNames`` order, rows aligned),
    /// one matrix per output, in batches, without dropout (Keras' `predict`).
    /// - Throws: `LearnError` for a wrong number of inputs, widths that differ from ``inputShapes``,
    ///   row counts that differ, no rows, NaN, or `batchSize` < 1.
    public func predict(_ x: [Matrix<Double>], batchSize: Int = 32) throws -> [Matrix<Double>] {
        try checkInputs(x, "Model.predict")
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        let data = TrainingData(x, targets: [], targetWidths: [], sampleWeight: nil)
        return try outputs(data, batchSize: batchSize).map { values in
            try Matrix(rows: data.rows, columns: values.count / data.rows, scalars: values.map(Double.init))
        }
    }

    /// Predictions of a model with one input and one output.
    public func predict(_ x: Matrix<Double>, batchSize: Int = 32) throws -> Matrix<Double> {
        guard plan.outputs.count == 1 else {
            throw LearnError.shapeMismatch(
                operation: "Model.predict", expected: "a single-output model (use predict([x]))",
                got: "\(plan.outputs.count) outputs")
        }
        return try predict([x], batchSize: batchSize)[0]
    }

    /// One matrix per input, each as wide as its input's sample, with the same positive number of rows.
    func checkInputs(_ x: [Matrix<Double>], _ operation: String) throws {
        guard x.count == inputShapes.count else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "\(inputShapes.count) input matrices (\(inputNames))",
                got: "\(x.count)")
        }
        for (k, matrix) in x.enumerated() {
            let width = inputShapes[k].reduce(1, *)
            guard matrix.rows > 0 else { throw LearnError.emptyInput(operation: operation) }
            guard matrix.rows == x[0].rows else {
                throw LearnError.shapeMismatch(
                    operation: operation, expected: "\(x[0].rows) rows in every input",
                    got: "\(matrix.rows) in \(inputNames[k])")
            }
            guard matrix.columns == width else {
                throw LearnError.shapeMismatch(
                    operation: operation, expected: "\(width) values per row for \(inputNames[k]) \(inputShapes[k])",
                    got: "\(matrix.columns)")
            }
            guard matrix.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
        }
    }
}
