import ArgumentParser
import LearnCore
import LearnData

/// `swiftlearn make-classification …` (DESIGN §6): scikit-learn's `make_classification`, same numbers.
struct MakeClassificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-classification",
        abstract: "Generate scikit-learn's make_classification dataset (identical for the same --random-state).")

    @Option(help: "Number of rows (samples).") var nSamples: Int
    @Option(help: "Number of feature columns.") var nFeatures: Int
    @Option(help: "Informative features (the rest: redundant, repeated, noise).") var nInformative = 2
    @Option(help: "Features that are random linear combinations of the informative ones.") var nRedundant = 2
    @Option(help: "Features duplicated from the informative and redundant ones.") var nRepeated = 0
    @Option(help: "Number of classes (labels 0 … n-1).") var nClasses = 2
    @Option(help: "Gaussian clusters per class.") var nClustersPerClass = 2
    @Option(help: "Class proportions, comma-separated (nClasses or nClasses-1 values).") var weights: NumberList?
    @Option(help: "Fraction of labels flipped at random (label noise).") var flipY = 0.01
    @Option(help: "Hypercube size: larger values separate the classes more.") var classSep = 1.0
    @Flag(help: "Put cluster centers at random points instead of hypercube vertices.") var noHypercube = false
    @Option(help: "A number, one per feature (comma-separated), or 'random'.") var shift: NumberOrRandom?
    @Option(help: "A number, one per feature (comma-separated), or 'random'.") var scale: NumberOrRandom?
    @OptionGroup var common: GeneratorOutputOptions

    func run() throws {
        let (X, y) = try makeClassification(
            nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative, nRedundant: nRedundant,
            nRepeated: nRepeated, nClasses: nClasses, nClustersPerClass: nClustersPerClass, weights: weights?.values,
            flipY: flipY, classSep: classSep, hypercube: !noHypercube, shift: shift?.parameter ?? 0.0,
            scale: scale?.parameter ?? 1.0, shuffle: !common.noShuffle, randomState: common.randomState)
        try common.write(X, labels: y)
    }
}

/// `swiftlearn make-blobs …`: scikit-learn's `make_blobs`.
struct MakeBlobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-blobs", abstract: "Generate scikit-learn's make_blobs dataset.")

    @Option(help: "Number of rows (samples).") var nSamples = 100
    @Option(help: "Number of feature columns.") var nFeatures = 2
    @Option(help: "Number of centers (default 3).") var centers: Int?
    @Option(help: "One standard deviation, or one per center (comma-separated).") var clusterStd: NumberList?
    @Option(help: "Bounds of the box the centers are drawn in, as low,high.") var centerBox: NumberList?
    @OptionGroup var common: GeneratorOutputOptions

    func run() throws {
        let std: GeneratorParameter =
            clusterStd.map { $0.values.count == 1 ? .value($0.values[0]) : .values($0.values) } ?? 1.0
        let box = centerBox?.values ?? [-10, 10]
        guard box.count == 2 else { throw ValidationError("--center-box takes two numbers, low,high") }
        let (X, y, _) = try makeBlobs(
            nSamples: nSamples, nFeatures: nFeatures, centers: centers, clusterStd: std,
            centerBox: (box[0], box[1]), shuffle: !common.noShuffle, randomState: common.randomState)
        try common.write(X, labels: y)
    }
}

/// `swiftlearn make-moons …`: scikit-learn's `make_moons`.
struct MakeMoonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-moons", abstract: "Generate scikit-learn's make_moons dataset.")

    @Option(help: "Number of rows (samples).") var nSamples = 100
    @Option(help: "Standard deviation of Gaussian noise added to the points.") var noise: Double?
    @OptionGroup var common: GeneratorOutputOptions

    func run() throws {
        let (X, y) = try makeMoons(
            nSamples: nSamples, shuffle: !common.noShuffle, noise: noise, randomState: common.randomState)
        try common.write(X, labels: y)
    }
}

/// `swiftlearn make-circles …`: scikit-learn's `make_circles`.
struct MakeCirclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-circles", abstract: "Generate scikit-learn's make_circles dataset.")

    @Option(help: "Number of rows (samples).") var nSamples = 100
    @Option(help: "Standard deviation of Gaussian noise added to the points.") var noise: Double?
    @Option(help: "Inner circle radius relative to the outer, in [0, 1).") var factor = 0.8
    @OptionGroup var common: GeneratorOutputOptions

    func run() throws {
        let (X, y) = try makeCircles(
            nSamples: nSamples, shuffle: !common.noShuffle, noise: noise,
            randomState: common.randomState, factor: factor)
        try common.write(X, labels: y)
    }
}

/// `swiftlearn make-regression …`: scikit-learn's `make_regression`.
struct MakeRegressionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-regression",
        abstract: "Generate scikit-learn's make_regression dataset (several targets are written as y0, y1, ...).")

    @Option(help: "Number of rows (samples).") var nSamples = 100
    @Option(help: "Number of feature columns.") var nFeatures = 100
    @Option(help: "Features that enter the linear model.") var nInformative = 10
    @Option(help: "Number of target columns (y0, y1, … when more than one).") var nTargets = 1
    @Option(help: "Intercept of the linear model.") var bias = 0.0
    @Option(help: "Standard deviation of Gaussian noise added to the targets.") var noise = 0.0
    @OptionGroup var common: GeneratorOutputOptions

    func run() throws {
        let (X, y, _) = try makeRegression(
            nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative, nTargets: nTargets, bias: bias,
            noise: noise, shuffle: !common.noShuffle, randomState: common.randomState)
        if nTargets == 1 {
            try common.write(X, target: y.scalars)
        } else {
            try common.write(X, targets: y)
        }
    }
}
