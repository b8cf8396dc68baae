import Foundation
import LearnCore

/// A mostly low-rank matrix with bell-shaped singular values, exactly as scikit-learn's
/// `make_low_rank_matrix` (to ~1e-13: the last bits depend on QR and gemm summation order).
///
/// The singular values are `(1 - tailStrength) · exp(-(i / effectiveRank)²) + tailStrength ·
/// exp(-0.1 · i / effectiveRank)`; the singular vectors are the Q factors of Gaussian matrices.
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for sizes below 1, a non-positive
///   `effectiveRank` or `tailStrength` outside [0, 1].
public func makeLowRankMatrix(
    nSamples: Int = 100, nFeatures: Int = 100, effectiveRank: Int = 10, tailStrength: Double = 0.5,
    randomState: Int? = nil
) throws -> Matrix<Double> {
    var g = try RandomState.from(randomState)
    return try makeLowRankMatrix(
        nSamples: nSamples, nFeatures: nFeatures, effectiveRank: effectiveRank,
        tailStrength: tailStrength, using: &g)
}

/// ``makeLowRankMatrix(nSamples:nFeatures:effectiveRank:tailStrength:randomState:)`` drawing from
/// (and advancing) `generator`.
public func makeLowRankMatrix(
    nSamples: Int = 100, nFeatures: Int = 100, effectiveRank: Int = 10, tailStrength: Double = 0.5,
    using g: inout RandomState
) throws -> Matrix<Double> {
    try GeneratorValidation.atLeast(1, nSamples, "nSamples")
    try GeneratorValidation.atLeast(1, nFeatures, "nFeatures")
    try GeneratorValidation.atLeast(1, effectiveRank, "effectiveRank")
    guard tailStrength >= 0 && tailStrength <= 1 else {
        throw LearnError.invalidParameter(name: "tailStrength", expected: "a number in [0, 1]", got: "\(tailStrength)")
    }
    let n = Swift.min(nSamples, nFeatures)
    let u = try qr(g.standardNormal(rows: nSamples, columns: n)).q
    let v = try qr(g.standardNormal(rows: nFeatures, columns: n)).q
    let rank = Double(effectiveRank)
    let singular = (0..<n).map { i -> Double in
        let ratio = Double(i) / rank
        let lowRank = (1 - tailStrength) * exp(-1.0 * (ratio * ratio))
        let tail = tailStrength * exp(-0.1 * Double(i) / rank)
        return lowRank + tail
    }
    let scaled = try u * singular // u · diag(s): scales column j by s[j]
    return try matmul(scaled, v, transposeB: true)
}
