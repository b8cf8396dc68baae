import Foundation
import LearnCore

/// A random n-class classification problem, exactly as scikit-learn's `make_classification`:
/// for the same `randomState` it returns the same `X` (to ~1e-13, the last bits depend on BLAS's
/// summation order) and the same `y`.
///
/// Clusters of normally distributed points sit on the vertices of an `nInformative`-dimensional
/// hypercube with sides of length `2 * classSep`; each class gets `nClustersPerClass` clusters.
/// Columns are, before shuffling: informative, redundant (linear combinations of the informative
/// ones), repeated (copies), then pure noise.
///
/// ```swift
/// // make_classification(n_samples=1000, n_features=20, random_state=42)
/// let (X, y) = try makeClassification(nSamples: 1000, nFeatures: 20, nClasses: 2, randomState: 42)
/// ```
///
/// - Parameters mirror scikit-learn's, camel-cased, with the same defaults. `weights` may have
///   `nClasses` or `nClasses - 1` entries (the last class gets the rest). `shift`/`scale` accept a
///   number, one number per feature, or `.random` (scikit-learn's `None`). `randomState` is a seed;
///   `nil` draws from system entropy.
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for the combinations scikit-learn
///   rejects: `nInformative + nRedundant + nRepeated > nFeatures`, `nClasses * nClustersPerClass >
///   2^nInformative`, weights of the wrong length, counts below their minimum, `flipY` outside [0, 1],
///   `classSep <= 0`, and for sizes whose sum or product overflows; `LearnError/resourceLimit(operation:needed:limit:)`
///   when `X` or the centroids would exceed `ResourceLimits.standard` (checked before anything is allocated).
public func makeClassification(
    nSamples: Int = 100, nFeatures: Int = 20, nInformative: Int = 2, nRedundant: Int = 2, nRepeated: Int = 0,
    nClasses: Int = 2, nClustersPerClass: Int = 2, weights: [Double]? = nil, flipY: Double = 0.01,
    classSep: Double = 1.0, hypercube: Bool = true, shift: GeneratorParameter = 0.0, scale: GeneratorParameter = 1.0,
    shuffle: Bool = true, randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Int]) {
    var generator = try RandomState.from(randomState)
    return try makeClassification(
        nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative, nRedundant: nRedundant,
        nRepeated: nRepeated, nClasses: nClasses, nClustersPerClass: nClustersPerClass, weights: weights,
        flipY: flipY, classSep: classSep, hypercube: hypercube, shift: shift, scale: scale, shuffle: shuffle,
        using: &generator)
}

/// ``makeClassification(nSamples:nFeatures:nInformative:nRedundant:nRepeated:nClasses:nClustersPerClass:weights:flipY:classSep:hypercube:shift:scale:shuffle:randomState:)``
/// drawing from (and advancing) `generator`, as scikit-learn does when given a `RandomState` object.
public func makeClassification(
    nSamples: Int = 100, nFeatures: Int = 20, nInformative: Int = 2, nRedundant: Int = 2, nRepeated: Int = 0,
    nClasses: Int = 2, nClustersPerClass: Int = 2, weights: [Double]? = nil, flipY: Double = 0.01,
    classSep: Double = 1.0, hypercube: Bool = true, shift: GeneratorParameter = 0.0, scale: GeneratorParameter = 1.0,
    shuffle: Bool = true, using generator: inout RandomState
) throws -> (X: Matrix<Double>, y: [Int]) {
    let plan = try ClassificationPlan(
        nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative, nRedundant: nRedundant,
        nRepeated: nRepeated, nClasses: nClasses, nClustersPerClass: nClustersPerClass, weights: weights,
        flipY: flipY, classSep: classSep)
    let shiftValues = try shift.resolved(count: nFeatures, name: "shift")
    let scaleValues = try scale.resolved(count: nFeatures, name: "scale")
    return try plan.generate(
        hypercube: hypercube, shift: shiftValues, scale: scaleValues, shuffle: shuffle, using: &generator)
}

/// The validated sizes of one `makeClassification` call.
struct ClassificationPlan {
    let nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses, nClustersPerClass: Int
    let flipY, classSep: Double
    /// Rows per cluster, in cluster order.
    let clusterSizes: [Int]

    init(
        nSamples: Int, nFeatures: Int, nInformative: Int, nRedundant: Int, nRepeated: Int, nClasses: Int,
        nClustersPerClass: Int, weights: [Double]?, flipY: Double, classSep: Double
    ) throws {
        typealias V = GeneratorValidation
        try V.atLeast(1, nSamples, "nSamples")
        try V.atLeast(1, nFeatures, "nFeatures")
        try V.atLeast(1, nInformative, "nInformative")
        try V.atLeast(0, nRedundant, "nRedundant")
        try V.atLeast(0, nRepeated, "nRepeated")
        try V.atLeast(1, nClasses, "nClasses")
        try V.atLeast(1, nClustersPerClass, "nClustersPerClass")
        guard flipY >= 0 && flipY <= 1 else {
            throw LearnError.invalidParameter(name: "flipY", expected: "a fraction in [0, 1]", got: "\(flipY)")
        }
        guard classSep > 0 && classSep.isFinite else {
            throw LearnError.invalidParameter(name: "classSep", expected: "a finite number > 0", got: "\(classSep)")
        }
        let used = try Shape.total([nInformative, nRedundant, nRepeated], operation: "makeClassification")
        guard used <= nFeatures else {
            throw LearnError.invalidParameter(
                name: "nFeatures", expected: "nInformative + nRedundant + nRepeated (\(used)) <= nFeatures",
                got: "\(nFeatures)")
        }
        let clusters = try Shape.product(nClasses, nClustersPerClass, operation: "makeClassification")
        guard Double(nInformative) >= log2(Double(clusters)) else {
            throw LearnError.invalidParameter(
                name: "nClasses * nClustersPerClass",
                expected: "at most 2**nInformative = 2**\(nInformative) clusters",
                got: "\(nClasses) * \(nClustersPerClass)")
        }
        try Self.checkSizes(
            nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative,
            nRedundant: nRedundant, clusters: clusters)
        let classWeights = try Self.classWeights(weights, nClasses: nClasses)
        var sizes = (0..<clusters).map { k in
            Int((Double(nSamples) * classWeights[k % nClasses]) / Double(nClustersPerClass))
        }
        let assigned = sizes.reduce(0, +)
        for i in 0..<Swift.max(0, nSamples - assigned) { sizes[i % clusters] += 1 }
        (self.nSamples, self.nFeatures, self.nInformative, self.nRedundant, self.nRepeated) =
            (nSamples, nFeatures, nInformative, nRedundant, nRepeated)
        (self.nClasses, self.nClustersPerClass, self.flipY, self.classSep, self.clusterSizes) =
            (nClasses, nClustersPerClass, flipY, classSep, sizes)
    }

    /// Refuses, before anything is allocated, sizes whose arrays would exceed `ResourceLimits.standard`:
    /// `X`, the centroids (one row of `nInformative` per cluster), each cluster's mixing matrix and the
    /// redundant-feature weights.
    static func checkSizes(nSamples: Int, nFeatures: Int, nInformative: Int, nRedundant: Int, clusters: Int) throws {
        let arrays = [
            ("makeClassification", [nSamples, nFeatures]), ("makeClassification centroids", [clusters, nInformative]),
            ("makeClassification cluster mixing", [nInformative, nInformative]),
            ("makeClassification redundant features", [nInformative, nRedundant])
        ]
        for (operation, shape) in arrays { try Shape.checkArray(shape, scalarSize: 8, operation: operation) }
    }

    /// scikit-learn's `weights_`: uniform, as given, or completed with `1 - Σ weights`.
    static func classWeights(_ weights: [Double]?, nClasses: Int) throws -> [Double] {
        guard let weights else { return [Double](repeating: 1.0 / Double(nClasses), count: nClasses) }
        guard weights.count == nClasses || weights.count == nClasses - 1 else {
            throw LearnError.invalidParameter(
                name: "weights", expected: "nClasses (\(nClasses)) or nClasses - 1 values",
                got: "\(weights.count) values")
        }
        var result = weights
        if weights.count == nClasses - 1 { result.append(1.0 - weights.reduce(0, +)) }
        guard result.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
            throw LearnError.invalidParameter(
                name: "weights", expected: "class proportions in [0, 1]", got: "\(result)")
        }
        return result
    }
}
