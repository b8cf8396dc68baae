import Foundation
import LearnCore
import LearnLinear
import LearnNeural

/// The accuracy suite's models (names fixed by the CLI contract), each with the settings its reference
/// script uses: scikit-learn's defaults (randomState 0) for the estimators, the seed article's network for `MLP`.
public enum AccuracyModel: String, CaseIterable, Sendable {
    /// `LogisticRegression()` — scikit-learn's reference.
    case logisticRegression = "LogisticRegression"
    /// The seed article's network, 10 epochs of batch 32 (softmax head for multiclass) — Keras' reference.
    case mlp = "MLP"
    /// `MLPClassifier(randomState: 0)` — scikit-learn's reference.
    case mlpClassifier = "MLPClassifier"
    /// The seed CNN on the digits images (Conv2D 32 → MaxPooling2D 2 → Dense 64 → softmax), 20 epochs — Keras' reference.
    case cnn = "CNN"
    /// `LinearRegression()`.
    case linearRegression = "LinearRegression"
    /// `Ridge()`.
    case ridge = "Ridge"
    /// `SGDRegressor(randomState: 0)`.
    case sgdRegressor = "SGDRegressor"

    /// The models run on a dataset of `task`.
    static func models(for task: AccuracyTask) -> [AccuracyModel] {
        task == .regression ? [.linearRegression, .ridge, .sgdRegressor] : [.logisticRegression, .mlp, .mlpClassifier]
    }

    /// A network (Keras' reference) rather than a classical estimator (scikit-learn's).
    public var isNetwork: Bool { self == .mlp || self == .cnn }

    /// How far below its reference's accuracy (or R²) the model may fall before the suite fails.
    public var tolerance: Double { isNetwork ? 0.02 : 0.01 }

    /// Seeds a network averages over: three on small test sets (their spread would dominate), else one.
    static func seeds(testRows: Int) -> [Int] { testRows < 5000 ? [0, 1, 2] : [0] }

    /// Fits on the training rows and predicts the test rows (`seed` seeds the network); the times are
    /// wall-clock seconds.
    func fitPredict(_ data: PreparedData, seed: Int = 0) throws -> (
        labels: [Int], values: [Double], fit: Double, predict: Double
    ) {
        var fitTime = 0.0, predictTime = 0.0
        func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        switch self {
        case .logisticRegression:
            var model = LogisticRegression()
            (_, fitTime) = try timed { try model.fit(data.xTrain, data.labelsTrain) }
            let (labels, seconds) = try timed { try model.predict(data.xTest) }
            return (labels, [], fitTime, seconds)
        case .mlpClassifier:
            var model = MLPClassifier(randomState: 0)
            (_, fitTime) = try timed { try model.fit(data.xTrain, data.labelsTrain) }
            let (labels, seconds) = try timed { try model.predict(data.xTest) }
            return (labels, [], fitTime, seconds)
        case .linearRegression, .ridge, .sgdRegressor:
            var model: any Regressor
            switch self {
            case .linearRegression: model = LinearRegression()
            case .ridge: model = Ridge()
            default: model = SGDRegressor(randomState: 0)
            }
            (_, fitTime) = try timed { try model.fit(data.xTrain, data.valuesTrain) }
            (_, predictTime) = try timed { try model.predict(data.xTest) }
            return ([], try model.predict(data.xTest), fitTime, predictTime)
        case .mlp:
            let run = try Self.seedNetwork(data, seed: seed)
            return (run.labels, [], run.fit, run.predict)
        case .cnn:
            let run = try Self.seedCNN(data, seed: seed)
            return (run.labels, [], run.fit, run.predict)
        }
    }

    /// The CNN's test predictions on the images for one seed, with its fit and predict seconds.
    private static func seedCNN(_ data: PreparedData, seed: Int) throws -> (labels: [Int], fit: Double, predict: Double)
    {
        guard let train = data.imagesTrain, let test = data.imagesTest else {
            throw LearnError.invalidParameter(name: "dataset", expected: "a dataset with images (digits)", got: "none")
        }
        var net = Sequential(randomState: seed) {
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPooling2D(2)
            Flatten()
            Dense(64, activation: .relu)
            Dense(Set(data.labelsTrain).count, activation: .softmax)
        }
        net.compile(optimizer: Adam(learningRate: 0.001), loss: .sparseCategoricalCrossentropy)
        var start = DispatchTime.now().uptimeNanoseconds
        try net.fit(train, data.labelsTrain, epochs: 20, batchSize: 32, verbose: 0)
        let fit = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let labels = try Self.argmax(try net.predict(test, batchSize: 32))
        return (labels, fit, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The column of each row's largest output (threshold 0.5 for one output).
    static func argmax(_ output: Matrix<Double>) throws -> [Int] {
        guard output.columns > 1 else { return output.scalars.map { $0 > 0.5 ? 1 : 0 } }
        return try output.argmax(axis: 1)
    }

    /// The seed network's test predictions for one seed, with its fit and predict seconds.
    private static func seedNetwork(_ data: PreparedData, seed: Int) throws -> (
        labels: [Int], fit: Double, predict: Double
    ) {
        let classes = Set(data.labelsTrain).count
        var net = Sequential(randomState: seed) {
            Dense(1024, activation: .relu)
            Dropout(0.5)
            Dense(512, activation: .relu)
            Dropout(0.5)
            Dense(classes == 2 ? 1 : classes, activation: classes == 2 ? .sigmoid : .softmax)
        }
        net.compile(
            optimizer: Adam(learningRate: 0.001),
            loss: classes == 2 ? .binaryCrossentropy : .sparseCategoricalCrossentropy)
        var start = DispatchTime.now().uptimeNanoseconds
        try net.fit(data.xTrain, data.labelsTrain, epochs: 10, batchSize: 32, verbose: 0)
        let fit = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let output = try net.predict(data.xTest, batchSize: 32)
        let predict = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (try Self.argmax(output), fit, predict)
    }
}
