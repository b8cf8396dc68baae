import LearnCore
import LearnData
import LearnPreprocessing
import LearnSelection

/// The accuracy suite's datasets (names fixed by the CLI contract), built exactly as
/// `Benchmarks/Reference/accuracy_datasets.py` builds them for scikit-learn and Keras: an 80/20 split
/// with randomState 42 (stratified for the bundled sets), features standardised on the training rows.
public enum AccuracyDataset: String, CaseIterable, Sendable {
    /// make_classification(100 × 10, 2 classes, randomState 42) — the seed article's data.
    case seedArticle = "seed-article"
    /// make_classification(100,000 × 100, nInformative 20, randomState 0).
    case binary100k = "binary-100k"
    /// make_classification(50,000 × 50, nInformative 30, 5 classes, randomState 1).
    case multiclass50k = "multiclass-50k"
    /// make_moons(1,000, noise 0.2, randomState 0).
    case moons
    /// make_circles(1,000, noise 0.1, factor 0.5, randomState 0).
    case circles
    /// make_blobs(1,000, 4 centers, clusterStd 1.5, randomState 0).
    case blobs
    /// make_regression(1,000 × 20, nInformative 10, noise 10, randomState 0).
    case regression
    /// The bundled iris set.
    case iris
    /// The bundled wine set.
    case wine
    /// The bundled breast-cancer set.
    case breastCancer = "breast-cancer"
    /// The bundled 8 × 8 digits.
    case digits

    /// The `--quick` subset: every set but the two large ones.
    public static let quick: [AccuracyDataset] = allCases.filter { !$0.isLarge }

    /// `binary-100k` and `multiclass-50k`.
    public var isLarge: Bool { self == .binary100k || self == .multiclass50k }

    /// The models run on this dataset: the CNN joins on the digits images.
    public var models: [AccuracyModel] {
        AccuracyModel.models(for: task) + (self == .digits ? [.cnn] : [])
    }

    /// Regression or classification.
    public var task: AccuracyTask { self == .regression ? .regression : .classification }

    /// The split, standardised data.
    public func load() throws -> PreparedData {
        var labels: [Int] = []
        var X: Matrix<Double>
        var values: [Double] = []
        var stratify = false
        var images: Tensor<Double>?
        switch self {
        case .seedArticle:
            (X, labels) = try makeClassification(nSamples: 100, nFeatures: 10, nClasses: 2, randomState: 42)
        case .binary100k:
            (X, labels) = try makeClassification(nSamples: 100_000, nFeatures: 100, nInformative: 20, randomState: 0)
        case .multiclass50k:
            (X, labels) = try makeClassification(
                nSamples: 50_000, nFeatures: 50, nInformative: 30, nClasses: 5, randomState: 1)
        case .moons: (X, labels) = try makeMoons(nSamples: 1000, noise: 0.2, randomState: 0)
        case .circles: (X, labels) = try makeCircles(nSamples: 1000, noise: 0.1, randomState: 0, factor: 0.5)
        case .blobs: (X, labels, _) = try makeBlobs(nSamples: 1000, centers: 4, clusterStd: 1.5, randomState: 0)
        case .regression:
            (X, values, _) = try makeRegression(
                nSamples: 1000, nFeatures: 20, nInformative: 10, noise: 10, randomState: 0)
        case .iris:
            (X, labels) = try loadIris().xy
            stratify = true
        case .wine:
            (X, labels) = try loadWine().xy
            stratify = true
        case .breastCancer:
            (X, labels) = try loadBreastCancer().xy
            stratify = true
        case .digits:
            let digits = try loadDigits()
            (X, labels, stratify) = (digits.data, digits.target, true)
            images = try digits.images.map { try ($0 / 16).reshaped(to: $0.shape + [1]) }
        }
        let rows = X.rows
        let (train, test) =
            stratify
            ? try trainTestSplitIndices(nSamples: rows, testSize: 0.2, randomState: 42, stratify: labels)
            : try trainTestSplitIndices(nSamples: rows, testSize: 0.2, randomState: 42)
        var scaler = StandardScaler()
        let xTrain = try scaler.fitTransform(try X.rows(at: train))
        let xTest = try scaler.transform(try X.rows(at: test))
        if task == .regression {
            return PreparedData(
                xTrain: xTrain, xTest: xTest, labelsTrain: [], labelsTest: [],
                valuesTrain: train.map { values[$0] }, valuesTest: test.map { values[$0] })
        }
        var data = PreparedData(
            xTrain: xTrain, xTest: xTest, labelsTrain: train.map { labels[$0] }, labelsTest: test.map { labels[$0] },
            valuesTrain: [], valuesTest: [])
        if let images {
            (data.imagesTrain, data.imagesTest) = (try Self.samples(images, train), try Self.samples(images, test))
        }
        return data
    }

    /// The samples `indices` of a tensor `[n, …]`.
    private static func samples(_ tensor: Tensor<Double>, _ indices: [Int]) throws -> Tensor<Double> {
        let size = tensor.shape.dropFirst().reduce(1, *)
        let scalars = tensor.scalars
        return try Tensor(
            shape: [indices.count] + tensor.shape.dropFirst(),
            scalars: indices.flatMap { scalars[($0 * size)..<(($0 + 1) * size)] })
    }
}

/// What a dataset asks of a model.
public enum AccuracyTask: String, Codable, Sendable {
    /// Integer labels; accuracy, macro precision/recall/F1.
    case classification
    /// Real targets; R² and MSE.
    case regression
}

/// A dataset split and standardised.
public struct PreparedData: Sendable {
    /// Standardised training features.
    public var xTrain: Matrix<Double>
    /// Test features, standardised with the training statistics.
    public var xTest: Matrix<Double>
    /// Training labels (classification).
    public var labelsTrain: [Int]
    /// Test labels (classification).
    public var labelsTest: [Int]
    /// Training targets (regression).
    public var valuesTrain: [Double]
    /// Test targets (regression).
    public var valuesTest: [Double]
    /// Training images `[n, h, w, 1]` scaled to [0, 1] (digits only, for the CNN).
    public var imagesTrain: Tensor<Double>?
    /// Test images.
    public var imagesTest: Tensor<Double>?

    /// Training rows.
    public var nTrain: Int { xTrain.rows }
    /// Test rows.
    public var nTest: Int { xTest.rows }
}
