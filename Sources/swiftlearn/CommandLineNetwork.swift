import LearnCore
import LearnNeural

/// What `swiftlearn predict`, `train` and `inspect` need of a network, whether the file held a
/// `Sequential` or a functional `Model`: its inputs and outputs, predictions, training and saving.
protocol CommandLineNetwork: Network {
    /// Each input's name and per-sample shape, in the order the network takes them.
    var inputSignature: [(name: String, shape: [Int])] { get }
    /// Each output's name, in the order the network returns them.
    var outputNames: [String] { get }
    /// The training losses' Keras names (empty when the file had no `training_config`).
    var lossNames: [String] { get }
    /// One matrix per output for one matrix per input (rows aligned, samples flattened).
    func predictions(_ x: [Matrix<Double>]) throws -> [Matrix<Double>]
    /// Keras' `fit` on one matrix per input and one target matrix per output, one line per epoch.
    mutating func fit(
        inputs x: [Matrix<Double>], targets y: [Matrix<Double>], epochs: Int, batchSize: Int,
        validationSplit: Double, shuffle: Bool
    ) throws -> History
    /// Saves the network as Keras' legacy `.h5`, atomically.
    func save(to path: String, includeOptimizer: Bool) throws
    /// Keras 3's summary table.
    func summary() throws -> String
}

extension Sequential: CommandLineNetwork {
    var inputSignature: [(name: String, shape: [Int])] { [("input", inputShape ?? [])] }
    var outputNames: [String] { ["output"] }
    var lossNames: [String] { loss.map { [$0.kerasName] } ?? [] }

    func predictions(_ x: [Matrix<Double>]) throws -> [Matrix<Double>] { [try predict(x[0])] }

    mutating func fit(
        inputs x: [Matrix<Double>], targets y: [Matrix<Double>], epochs: Int, batchSize: Int,
        validationSplit: Double, shuffle: Bool
    ) throws -> History {
        try fit(
            x[0], y[0], epochs: epochs, batchSize: batchSize, validationSplit: validationSplit, shuffle: shuffle,
            verbose: 2)
    }
}

extension Model: CommandLineNetwork {
    var inputSignature: [(name: String, shape: [Int])] { Array(zip(inputNames, inputShapes)) }
    var lossNames: [String] { losses.map(\.kerasName) }

    func predictions(_ x: [Matrix<Double>]) throws -> [Matrix<Double>] { try predict(x) }

    mutating func fit(
        inputs x: [Matrix<Double>], targets y: [Matrix<Double>], epochs: Int, batchSize: Int,
        validationSplit: Double, shuffle: Bool
    ) throws -> History {
        try fit(
            x, y, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit, shuffle: shuffle,
            verbose: 2)
    }
}
