import LearnCore

/// A random linear regression problem with one target, exactly as scikit-learn's
/// `make_regression(..., coef=True)` (`X` and the ground-truth `coef` bit-identical, `y` to ~1e-13).
///
/// `X` is standard normal (or, with `effectiveRank`, ``makeLowRankMatrix(nSamples:nFeatures:effectiveRank:tailStrength:randomState:)``
/// with `tailStrength`); the first `nInformative` coefficients (before the column shuffle) are
/// `100 · U[0, 1)`, the rest zero; `y = X · coef + bias` plus Gaussian `noise`.
///
/// ```swift
/// // make_regression(n_samples=200, n_features=5, noise=0.5, random_state=0, coef=True)
/// let (X, y, coef) = try makeRegression(nSamples: 200, nFeatures: 5, noise: 0.5, randomState: 0)
/// ```
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for counts below 1 (`nInformative`
///   below 0) or negative noise.
///   `LearnError/resourceLimit(operation:needed:limit:)` when `X` would exceed `ResourceLimits.standard`.
public func makeRegression(
    nSamples: Int = 100, nFeatures: Int = 100, nInformative: Int = 10, bias: Double = 0.0,
    effectiveRank: Int? = nil, tailStrength: Double = 0.5, noise: Double = 0.0, shuffle: Bool = true,
    randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Double], coef: [Double]) {
    let (X, y, coef) = try makeRegression(
        nSamples: nSamples, nFeatures: nFeatures, nInformative: nInformative, nTargets: 1, bias: bias,
        effectiveRank: effectiveRank, tailStrength: tailStrength, noise: noise, shuffle: shuffle,
        randomState: randomState)
    return (X, y.scalars, coef.scalars)
}

/// ``makeRegression(nSamples:nFeatures:nInformative:bias:effectiveRank:tailStrength:noise:shuffle:randomState:)`` with
/// `nTargets` columns of targets: `y` is `nSamples × nTargets`, `coef` is `nFeatures × nTargets`.
public func makeRegression(
    nSamples: Int = 100, nFeatures: Int = 100, nInformative: Int = 10, nTargets: Int, bias: Double = 0.0,
    effectiveRank: Int? = nil, tailStrength: Double = 0.5, noise: Double = 0.0, shuffle: Bool = true,
    randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: Matrix<Double>, coef: Matrix<Double>) {
    try GeneratorValidation.atLeast(1, nSamples, "nSamples")
    try GeneratorValidation.atLeast(1, nFeatures, "nFeatures")
    try GeneratorValidation.atLeast(0, nInformative, "nInformative")
    try GeneratorValidation.atLeast(1, nTargets, "nTargets")
    try GeneratorValidation.finite(bias, "bias")
    try GeneratorValidation.nonNegative(noise, "noise")
    for shape in [[nSamples, nFeatures], [nFeatures, nTargets], [nSamples, nTargets]] {
        try Shape.checkArray(shape, scalarSize: 8, operation: "makeRegression")
    }
    var g = try RandomState.from(randomState)
    let informative = Swift.min(nFeatures, nInformative)
    var X =
        try effectiveRank.map {
            try makeLowRankMatrix(
                nSamples: nSamples, nFeatures: nFeatures, effectiveRank: $0, tailStrength: tailStrength, using: &g)
        } ?? g.standardNormal(rows: nSamples, columns: nFeatures)
    var coef = try Matrix<Double>.zeros(nFeatures, nTargets)
    let drawn = try g.uniform(count: informative * nTargets)
    for i in drawn.indices { coef[i / nTargets, i % nTargets] = 100 * drawn[i] }
    var y = try matmul(X, coef) + bias
    if noise > 0 {
        y.withUnsafeMutableBufferPointer { y in
            for i in y.indices { y[i] += 0.0 + noise * g.standardNormal() }
        }
    }
    if shuffle {
        var order = Array(0..<nSamples)
        g.shuffle(&order)
        (X, y) = (try X.rows(at: order), try y.rows(at: order))
        var columns = Array(0..<nFeatures)
        g.shuffle(&columns)
        X = try X.transposed().rows(at: columns).transposed()
        coef = try coef.rows(at: columns)
    }
    return (X, y, coef)
}
