import ArgumentParser
import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnNeural

/// `swiftlearn train --model NET.h5 --data D.h5|D.csv [--target y] --epochs E --batch-size B
/// [--validation-split f] [--no-shuffle] [--seed S] [--history H.csv] --output OUT.h5` (DESIGN §6): trains a
/// compiled network file (Keras' after `compile`, or ours) with Keras' `fit` and saves it with the
/// optimizer's state, atomically.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a compiled network file (Keras' or SwiftLearn's) and save it.")

    @Option(help: "A compiled network: a Keras .h5 saved after compile(), or one saved by SwiftLearn.")
    var model: String
    @Option(
        help:
            "Training data: .h5 with datasets X (any rank) and y (groups X / y of one dataset per input / output for several), or CSV with a target column."
    )
    var data: String
    @Option(help: "The CSV target column's name.") var target = "y"
    @Option(help: "Passes over the data.") var epochs: Int
    @Option(help: "Samples per gradient step.") var batchSize: Int
    @Option(help: "The last fraction of the samples, held out for validation (Keras' validation_split).")
    var validationSplit = 0.0
    @Flag(help: "Keep the samples' order in every epoch (Keras' shuffle=False).") var noShuffle = false
    @Option(help: "Seed of the batch shuffling and dropout (default: the loaded network's stream, seed 0).")
    var seed: Int?
    @Option(help: "Where to write the per-epoch logs: CSV with columns epoch, loss, …, val_loss, ….")
    var history: String?
    @Option(help: "Where to save the trained network (.h5, with the optimizer's state).") var output: String

    func run() throws {
        var network = try SavedModel.network(at: model)
        guard !network.lossNames.isEmpty else {
            throw LearnError.invalidParameter(
                name: "--model",
                expected:
                    "a compiled network (a training_config with losses SwiftLearn knows: save it after compile())",
                got: "\(model), which has none")
        }
        let samples = try NetworkData.read(data, for: network, targetColumn: target, targets: true)
        guard let targets = samples.targets else {
            throw LearnError.corruptFile(
                path: data, reason: "no targets: an .h5 needs a dataset y, a CSV a column '\(target)'")
        }
        if let seed { try network.reseed(seed) }
        let logs = try network.fit(
            inputs: samples.inputs, targets: targets, epochs: epochs, batchSize: batchSize,
            validationSplit: validationSplit, shuffle: !noShuffle)
        try network.save(to: output, includeOptimizer: true)
        if let history { try Self.write(logs, to: history) }
        let last = logs["loss"].last.map { String(format: "loss %.6g", $0) } ?? "no loss logged"
        let epochs = logs.epoch.count == 1 ? "1 epoch" : "\(logs.epoch.count) epochs"
        print("\(network.parameterCount) parameters, \(epochs), \(last) -> \(output)")
    }

    /// One row per epoch: `epoch` (0-based, as Keras' `CSVLogger`), `loss`, the other training logs
    /// alphabetically, then `val_loss` and the other validation logs; 9 significant digits.
    static func write(_ history: History, to path: String) throws {
        let keys = history.history.keys.sorted { left, right in
            func rank(_ key: String) -> Int {
                key == "loss" ? 0 : key == "val_loss" ? 2 : key.hasPrefix("val_") ? 3 : 1
            }
            return (rank(left), left) < (rank(right), right)
        }
        let columns = keys.map { history[$0] }
        let rows = history.epoch.count
        guard columns.allSatisfy({ $0.count == rows }) else {
            throw LearnError.shapeMismatch(
                operation: "swiftlearn train --history", expected: "\(rows) values per log",
                got: "\(columns.map(\.count))")
        }
        let table = try Matrix(
            rows: rows, columns: keys.count + 1,
            scalars: (0..<rows).flatMap { row in [Double(history.epoch[row])] + columns.map { $0[row] } })
        try writeCSV(table, to: path, featureNames: ["epoch"] + keys, significantDigits: 9)
    }
}
