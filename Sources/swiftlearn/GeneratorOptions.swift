import ArgumentParser
import Foundation
import LearnCore
import LearnData

/// Options every `make-*` command shares: the seed, the shuffle switch and the output file.
struct GeneratorOutputOptions: ParsableArguments {
    @Option(help: "Seed (0 ... 2**32-1) for results identical to scikit-learn's random_state; omit for a random seed.")
    var randomState: Int?

    @Flag(help: "Keep the generated rows in order (scikit-learn's shuffle=False).")
    var noShuffle = false

    @Option(
        help:
            "Where to write the dataset: FILE.csv (header x0,...,x{F-1},y; 17 significant digits) or FILE.h5 (datasets X and y)."
    )
    var output: String

    /// Writes features and class labels.
    func write(_ X: Matrix<Double>, labels: [Int]) throws { try DatasetFile.write(X, .labels(labels), to: output) }

    /// Writes features and one real-valued target.
    func write(_ X: Matrix<Double>, target: [Double]) throws { try DatasetFile.write(X, .values(target), to: output) }

    /// Writes features and several target columns `y0, y1, …` (one `y` matrix in HDF5).
    func write(_ X: Matrix<Double>, targets: Matrix<Double>) throws {
        try DatasetFile.write(X, .columns(targets), to: output)
    }
}

/// A comma-separated list of numbers, as `--weights 0.7,0.3`.
struct NumberList: ExpressibleByArgument {
    let values: [Double]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, numbers.count == parts.count else { return nil }
        values = numbers
    }
}

/// A number, or `random` for scikit-learn's `None` (`--shift random`).
struct NumberOrRandom: ExpressibleByArgument {
    let parameter: GeneratorParameter

    init?(argument: String) {
        if argument.lowercased() == "random" || argument.lowercased() == "none" {
            parameter = .random
        } else if let list = NumberList(argument: argument) {
            parameter = list.values.count == 1 ? .value(list.values[0]) : .values(list.values)
        } else {
            return nil
        }
    }
}
