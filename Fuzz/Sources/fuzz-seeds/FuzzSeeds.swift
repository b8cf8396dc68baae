import Foundation
import LearnCore
import LearnHDF5
import LearnLinear
import LearnNeural
import LearnPreprocessing

/// Writes one small valid file per persisted class into the folder given as the only argument: the
/// starting corpus of `fuzz-estimator-load`, `fuzz-keras-load` and `fuzz-inspect`.
@main
struct FuzzSeeds {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 2 || (arguments.count == 3 && arguments[1] == "--parameters") else {
            FileHandle.standardError.write(Data("usage: fuzz-seeds [--parameters] FOLDER\n".utf8))
            exit(2)
        }
        let folder = arguments[arguments.count - 1]
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if arguments.count == 3 {
            try writeParameters(to: folder)
        } else {
            try writeEstimators(to: folder)
            try writeNetworks(to: folder)
        }
    }

    /// One file per estimator with its default parameters as `key=value` lines (the corpus of `fuzz-parameters`).
    static func writeParameters(to folder: String) throws {
        let defaults: [(String, [String: ParameterValue])] = [
            ("logistic-regression", LogisticRegression().parameters),
            ("linear-regression", LinearRegression().parameters),
            ("ridge", Ridge().parameters), ("sgd-regressor", SGDRegressor().parameters),
            ("standard-scaler", StandardScaler().parameters), ("min-max-scaler", MinMaxScaler().parameters),
            ("one-hot-encoder", OneHotEncoder<Int>().parameters), ("mlp-classifier", MLPClassifier().parameters),
            ("mlp-regressor", MLPRegressor().parameters)
        ]
        for (name, parameters) in defaults {
            let lines = parameters.keys.sorted().map { "\($0)=\(commandLineText(parameters[$0] ?? .none))\n" }
            try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
    }

    /// The value as `--param key=value` spells it (what `ParameterValue(parsing:)` reads back).
    static func commandLineText(_ value: ParameterValue) -> String {
        switch value {
        case let .int(n): return "\(n)"
        case let .double(x): return "\(x)"
        case let .bool(b): return b ? "true" : "false"
        case let .string(s): return s
        case let .doubles(xs): return xs.map { "\($0)" }.joined(separator: ",")
        case .none: return "none"
        }
    }

    /// 12 rows, 3 columns, two classes: enough for every estimator to fit in milliseconds.
    static func sample() throws -> (x: Matrix<Double>, labels: [Int], targets: [Double]) {
        let rows: [[Double]] = (0..<12).map { (i: Int) -> [Double] in
            let column1 = Double((i * 7) % 5)
            let column2 = Double(i % 3) - 1
            return [Double(i), column1, column2]
        }
        let labels = (0..<12).map { $0 % 2 }
        let targets = rows.map { (row: [Double]) -> Double in 2 * row[0] - row[1] + 0.5 }
        return (try Matrix(rows), labels, targets)
    }

    static func writeEstimators(to folder: String) throws {
        let (x, labels, targets) = try sample()
        var logistic = LogisticRegression()
        try logistic.fit(x, labels)
        try logistic.save(to: folder + "/logistic-regression.h5")
        var linear = LinearRegression()
        try linear.fit(x, targets)
        try linear.save(to: folder + "/linear-regression.h5")
        var ridge = Ridge()
        try ridge.fit(x, targets)
        try ridge.save(to: folder + "/ridge.h5")
        var sgd = SGDRegressor(maxIter: 5, tol: nil, randomState: 0)
        try sgd.fit(x, targets)
        try sgd.save(to: folder + "/sgd-regressor.h5")
        var standard = StandardScaler()
        try standard.fit(x)
        try standard.save(to: folder + "/standard-scaler.h5")
        var minMax = MinMaxScaler()
        try minMax.fit(x)
        try minMax.save(to: folder + "/min-max-scaler.h5")
        var intLabels = LabelEncoder<Int>()
        try intLabels.fit([3, 1, 2, 1])
        try intLabels.save(to: folder + "/label-encoder-int.h5")
        var stringLabels = LabelEncoder<String>()
        try stringLabels.fit(["cat", "dog", "cat"])
        try stringLabels.save(to: folder + "/label-encoder-string.h5")
        var oneHot = OneHotEncoder<String>()
        try oneHot.fit([["a", "x"], ["b", "y"], ["a", "z"]])
        try oneHot.save(to: folder + "/one-hot-encoder-string.h5")
        var oneHotInt = OneHotEncoder<Int>()
        try oneHotInt.fit([[1, 5], [2, 6]])
        try oneHotInt.save(to: folder + "/one-hot-encoder-int.h5")
        var classifier = MLPClassifier(hiddenLayerSizes: [4], maxIter: 5, randomState: 0)
        try classifier.fit(x, labels)
        try classifier.save(to: folder + "/mlp-classifier.h5")
        var regressor = MLPRegressor(hiddenLayerSizes: [4], maxIter: 5, randomState: 0)
        try regressor.fit(x, targets)
        try regressor.save(to: folder + "/mlp-regressor.h5")
    }

    /// Two small Keras-format networks: a trained Dense classifier (with optimizer state) and an
    /// untrained regressor saved without one.
    static func writeNetworks(to folder: String) throws {
        let (x, labels, targets) = try sample()
        var classifier = Sequential(randomState: 0) {
            Dense(4, activation: .relu)
            Dense(2, activation: .softmax)
        }
        classifier.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        try classifier.fit(x, labels, epochs: 1, batchSize: 4, verbose: 0)
        try classifier.save(to: folder + "/keras-dense-classifier.h5")
        var regressor = Sequential(randomState: 1) {
            Dense(3, activation: .tanh)
            Dense(1)
        }
        regressor.compile(optimizer: SGD(), loss: .meanSquaredError)
        try regressor.fit(x, try Matrix(column: targets), epochs: 1, batchSize: 4, verbose: 0)
        try regressor.save(to: folder + "/keras-dense-regressor.h5", includeOptimizer: false)
    }
}
