import LearnCore
import LearnData
import LearnTestSupport
import Testing

/// `makeClassification` against scikit-learn 1.9.1 (`shared/spec/vectors/mc_*.json`).
@Suite struct MakeClassificationTests {
    static let fullFiles = [
        "mc_article", "mc_multiclass_weights_flip", "mc_nohypercube", "mc_noshuffle",
        "mc_redundant_repeated_shift_scale", "mc_tracking_selection_hypercube"
    ]

    /// Calls `makeClassification` with a vector file's scikit-learn arguments.
    static func generate(_ params: JSONValue) throws -> (X: Matrix<Double>, y: [Int]) {
        let p = VectorParameters(params: params)
        let weights: [Double]? = try params["weights"]?.doubles()
        return try makeClassification(
            nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 20),
            nInformative: p.int("n_informative", 2), nRedundant: p.int("n_redundant", 2),
            nRepeated: p.int("n_repeated", 0), nClasses: p.int("n_classes", 2),
            nClustersPerClass: p.int("n_clusters_per_class", 2), weights: weights,
            flipY: p.double("flip_y", 0.01), classSep: p.double("class_sep", 1.0),
            hypercube: p.bool("hypercube", true), shift: p.generatorParameter("shift", 0.0),
            scale: p.generatorParameter("scale", 1.0), shuffle: p.bool("shuffle", true), randomState: p.seed())
    }

    @Test(arguments: fullFiles)
    func matchesScikitLearn(_ file: String) throws {
        let vector = try SpecVectors.load(file)
        let (X, y) = try Self.generate(try vector.member("params"))
        let shape = try vector.member("shape").ints()
        #expect(X.shape == shape, "\(file)")
        #expect(y == (try vector.member("y").ints()), "\(file): labels must be identical")
        expectClose(
            X.scalars, try vector.member("X_hex").hexMatrix().scalars, tolerance: generatorTolerance, "\(file) X")
    }

    /// The contract program's call: full `y`, sampled rows, column sums and maxima.
    @Test func contractProgramDataMatchesScikitLearn() throws {
        let vector = try SpecVectors.load("mc_readme_1000x20")
        let (X, y) = try makeClassification(nSamples: 1000, nFeatures: 20, nClasses: 2, randomState: 42)
        #expect(y == (try vector.member("y").ints()))
        #expect(Array(y[0..<10]) == [1, 0, 1, 1, 0, 0, 1, 0, 1, 0])
        let rows = try X.rows(at: try vector.member("row_indices").ints())
        expectClose(
            rows.scalars, try vector.member("X_rows_hex").hexMatrix().scalars, tolerance: generatorTolerance,
            "sampled rows")
        expectClose(try X.sum(axis: 0), try vector.member("column_sums").doubles(), tolerance: 1e-10, "column sums")
        expectClose(
            try X.abs().max(axis: 0), try vector.member("column_abs_max").doubles(), tolerance: generatorTolerance,
            "column abs max")
    }

    @Test func oneGeneratorContinuesItsStream() throws {
        var shared = RandomState(seed: 42)
        let first = try makeClassification(nSamples: 100, nFeatures: 10, using: &shared)
        let second = try makeClassification(nSamples: 100, nFeatures: 10, using: &shared)
        let seeded = try makeClassification(nSamples: 100, nFeatures: 10, randomState: 42)
        #expect(first.X == seeded.X && first.y == seeded.y)
        #expect(second.X != first.X)
    }

    @Test func invalidCombinationsThrowScikitLearnsErrors() throws {
        #expect(
            throws: LearnError.invalidParameter(
                name: "nFeatures", expected: "nInformative + nRedundant + nRepeated (6) <= nFeatures", got: "5")
        ) {
            try makeClassification(nFeatures: 5, nInformative: 3, nRedundant: 2, nRepeated: 1)
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "nClasses * nClustersPerClass", expected: "at most 2**nInformative = 2**2 clusters", got: "3 * 2")
        ) {
            try makeClassification(nClasses: 3)
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "weights", expected: "nClasses (2) or nClasses - 1 values", got: "3 values")
        ) {
            try makeClassification(weights: [0.2, 0.3, 0.5])
        }
        #expect(throws: LearnError.invalidParameter(name: "nSamples", expected: "nSamples >= 1", got: "-4")) {
            try makeClassification(nSamples: -4)
        }
        #expect(throws: LearnError.self) { try makeClassification(nRedundant: -1) }
        #expect(throws: LearnError.self) { try makeClassification(flipY: 1.5) }
        #expect(throws: LearnError.self) { try makeClassification(classSep: 0) }
        #expect(throws: LearnError.self) { try makeClassification(weights: [1.7]) }
        #expect(throws: LearnError.self) { try makeClassification(weights: [.nan, 0.5]) }
        #expect(throws: LearnError.self) { try makeClassification(shift: [1, 2]) }
        #expect(throws: LearnError.self) { try makeClassification(randomState: -1) }
        #expect(throws: LearnError.self) { try makeClassification(nClasses: Int.max, nClustersPerClass: 2) }
    }

    /// Sizes that overflow or would not fit in memory are refused before anything is allocated.
    @Test func hugeSizesAreLearnErrorsBeforeAllocation() throws {
        let overflowing: [(() throws -> Any, String)] = [
            ({ try makeClassification(nFeatures: 4, nInformative: Int.max, nRedundant: 2) }, "\(Int.max) + 2"),
            (
                { try makeClassification(nFeatures: 4, nInformative: 2, nRedundant: 1, nRepeated: Int.max) },
                "+ \(Int.max)"
            ),
            ({ try makeClassification(nClasses: Int.max, nClustersPerClass: 2) }, "\(Int.max) × 2")
        ]
        for (call, fragment) in overflowing {
            let error = #expect(throws: LearnError.self) { _ = try call() }
            guard case .invalidParameter("size", _, _)? = error else {
                Issue.record("\(String(describing: error))")
                continue
            }
            #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
        }
        let huge: [(() throws -> Any, String)] = [
            // 2^40 clusters on a 50-cube: the centroids alone would take 2^40 · 50 doubles.
            (
                {
                    try makeClassification(
                        nFeatures: 50, nInformative: 50, nRedundant: 0, nClasses: 1 << 20,
                        nClustersPerClass: 1 << 20)
                }, "makeClassification centroids"
            ),
            // 2^24 clusters on a 30-cube sample their vertices by permuting all 2^30 of them (8 GiB of indices);
            // the full `makeClassification` call takes seconds to get there, so the sampling is tested alone.
            (
                {
                    var g = try RandomState.from(0)
                    return try g.sampleWithoutReplacement(nPopulation: 1 << 30, nSamples: 1 << 24)
                }, "permutation"
            ),
            ({ try makeClassification(nSamples: 1 << 40, nFeatures: 1 << 20) }, "makeClassification"),
            (
                { try makeClassification(nSamples: 100, nFeatures: 1 << 30, nInformative: 1 << 29, nRedundant: 0) },
                "makeClassification"
            ),
            ({ try makeBlobs(nSamples: 1 << 40, nFeatures: 1 << 20) }, "makeBlobs"),
            ({ try makeBlobs(nSamples: 10, nFeatures: 2, centers: 1 << 62) }, "makeBlobs centers"),
            ({ try makeBlobs(nSamplesPerCenter: [Int.max, 1]) }, "makeBlobs"),
            ({ try makeMoons(nSamples: (outer: 1 << 40, inner: 1)) }, "makeMoons"),
            ({ try makeCircles(nSamples: Int.max) }, "makeCircles"),
            ({ try makeRegression(nSamples: 1 << 40, nFeatures: 1 << 20) }, "makeRegression")
        ]
        for (call, operation) in huge {
            let error = #expect(throws: LearnError.self) { _ = try call() }
            switch error {
            case let .resourceLimit(thrownOperation, _, limit)?:
                #expect(
                    thrownOperation == operation && limit.contains("SWIFTLEARN_MAX_ARRAY_BYTES"),
                    "\(thrownOperation)")
            case let .invalidParameter(name, _, got)?:
                // An overflowing sum or product of the sizes names its operation too.
                #expect(["size", "shape"].contains(name) && got.contains(operation), "\(operation): \(name) \(got)")
            default:
                Issue.record("\(operation): \(String(describing: error))")
            }
        }
    }
}
