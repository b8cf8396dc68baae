// swift-tools-version:6.0
import PackageDescription

// SwiftLearn: scikit-learn-style classical and Keras-style deep learning for Swift on Linux.
// The module graph is a DAG with LearnCore (the only caller of BLAS/LAPACK) at the bottom.
let package = Package(
    name: "SwiftLearn",
    products: [
        .library(name: "SwiftLearn", targets: ["SwiftLearn"]),
        .library(name: "LearnCore", targets: ["LearnCore"]),
        .library(name: "LearnData", targets: ["LearnData"]),
        .library(name: "LearnSelection", targets: ["LearnSelection"]),
        .library(name: "LearnMetrics", targets: ["LearnMetrics"]),
        .library(name: "LearnPreprocessing", targets: ["LearnPreprocessing"]),
        .library(name: "LearnLinear", targets: ["LearnLinear"]),
        .library(name: "LearnHDF5", targets: ["LearnHDF5"]),
        .library(name: "LearnNeural", targets: ["LearnNeural"]),
        .executable(name: "swiftlearn", targets: ["SwiftLearnCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `swift package generate-documentation` (DocC); a plugin only, nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0")
    ],
    targets: [
        // System libraries, found through pkg-config (`make deps` installs them on Debian). The Homebrew names
        // let SwiftPM suggest the install on macOS; only Linux is built and tested (README).
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        .systemLibrary(
            name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"]), .brew(["lapack"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"]), .brew(["hdf5"])]),

        // Fused row-block kernels BLAS has no call for (AVX2 + FMA chosen at run time); LearnCore's alone.
        .target(name: "CLearnKernels"),

        // The linear-algebra core every other module shares.
        .target(
            name: "LearnCore",
            dependencies: [
                "CBLAS", "CLAPACKE", "CLearnKernels",
                .product(name: "RealModule", package: "swift-numerics")
            ]
        ),

        // Dataset generators (scikit-learn-exact), bundled datasets, CSV.
        .target(name: "LearnData", dependencies: ["LearnCore"], plugins: ["EmbedDatasets"]),
        // Scalers and encoders.
        .target(name: "LearnPreprocessing", dependencies: ["LearnCore", "LearnHDF5"]),
        // HDF5 files, groups, datasets, attributes; atomic saves. The only caller of libhdf5.
        .target(name: "LearnHDF5", dependencies: ["LearnCore", "CHDF5"]),
        // Linear models: logistic regression, least squares, ridge, SGD.
        .target(name: "LearnLinear", dependencies: ["LearnCore", "LearnHDF5"]),
        // Neural networks (Keras-style): layers, losses, optimizers, Sequential.
        .target(name: "LearnNeural", dependencies: ["LearnCore", "LearnHDF5", "LearnMetrics", "LearnSelection"]),
        // Classification and regression metrics (scikit-learn's definitions and edge cases).
        .target(name: "LearnMetrics", dependencies: ["LearnCore"]),
        // Train/test splitting (scikit-learn-exact), K-fold splitters, cross-validation.
        .target(name: "LearnSelection", dependencies: ["LearnCore", "LearnMetrics"]),
        // Compiles Datasets/*.csv|json into LearnData (the loaders need no resource bundle).
        .executableTarget(name: "EmbedDatasetsTool"),
        .plugin(name: "EmbedDatasets", capability: .buildTool(), dependencies: ["EmbedDatasetsTool"]),
        // Turns the ```swift blocks of README.md, Docs/*.md and the `///` comments into the DocTests target.
        .target(name: "DocTestGeneration"),
        .executableTarget(name: "DocTestsTool", dependencies: ["DocTestGeneration"]),
        .plugin(name: "GenerateDocTests", capability: .buildTool(), dependencies: ["DocTestsTool"]),

        // Benchmark suites behind `swiftlearn bench`.
        .target(
            name: "LearnBench",
            dependencies: [
                "LearnCore", "LearnData", "LearnSelection", "LearnMetrics", "LearnPreprocessing", "LearnLinear",
                "LearnHDF5", "LearnNeural", "CBLAS"
            ], plugins: ["EmbedDatasets"]),

        // The umbrella module users import.
        .target(
            name: "SwiftLearn",
            dependencies: [
                "LearnCore", "LearnData", "LearnSelection", "LearnMetrics", "LearnPreprocessing", "LearnLinear",
                "LearnHDF5", "LearnNeural"
            ]),

        // The command-line tool.
        .executableTarget(
            name: "SwiftLearnCLI",
            dependencies: [
                "LearnCore", "LearnData", "LearnBench", "LearnHDF5", "LearnLinear", "LearnNeural",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            path: "Sources/swiftlearn"
        ),

        // Shared by the test targets: exact JSON decoding and the spec's reference vectors.
        .target(name: "LearnTestSupport", path: "Tests/LearnTestSupport", resources: [.copy("Vectors")]),
        .testTarget(
            name: "LearnCoreTests",
            dependencies: ["LearnCore", "CLearnKernels", "LearnTestSupport"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "LearnDataTests", dependencies: ["LearnData", "LearnTestSupport"], resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnSelectionTests", dependencies: ["LearnSelection", "LearnData", "LearnTestSupport"],
            resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnMetricsTests", dependencies: ["LearnMetrics", "LearnTestSupport"],
            resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnPreprocessingTests", dependencies: ["LearnPreprocessing", "LearnTestSupport"],
            resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnLinearTests",
            dependencies: ["LearnLinear", "LearnData", "LearnPreprocessing", "LearnTestSupport"],
            resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnHDF5Tests", dependencies: ["LearnHDF5", "LearnLinear", "LearnPreprocessing", "LearnData"],
            resources: [.copy("Resources")]),
        .testTarget(
            name: "LearnNeuralTests",
            dependencies: ["LearnNeural", "LearnData", "LearnHDF5", "LearnMetrics", "LearnTestSupport"],
            resources: [.copy("Resources")]),
        .testTarget(name: "LearnBenchTests", dependencies: ["LearnBench"]),
        // The fuzzers' past findings (Fuzz/, Docs/Fuzzing.md), replayed through the loaders they broke.
        .testTarget(
            name: "FuzzRegressionTests",
            dependencies: ["LearnCore", "LearnData", "LearnHDF5", "LearnLinear", "LearnPreprocessing", "LearnNeural"],
            resources: [.copy("Artifacts")]),
        // The command-line contracts, run through the built `swiftlearn`.
        .testTarget(
            name: "SwiftLearnCLITests", dependencies: ["SwiftLearnCLI", "LearnData", "LearnNeural", "LearnTestSupport"]),
        // End-to-end: the README's programs, compiled against the umbrella module.
        .testTarget(name: "SwiftLearnTests", dependencies: ["SwiftLearn"]),
        // Every Swift example in the README, the guides and the DocC comments, compiled and run as written.
        // (Its warnings are silenced: a guide lists calls whose results it does not use.)
        .testTarget(
            name: "DocTests", dependencies: ["SwiftLearn"], swiftSettings: [.unsafeFlags(["-suppress-warnings"])],
            plugins: ["GenerateDocTests"]),
        .testTarget(name: "DocTestGenerationTests", dependencies: ["DocTestGeneration"])
    ]
)
