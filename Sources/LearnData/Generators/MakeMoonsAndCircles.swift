import Foundation
import LearnCore

/// Two interleaving half circles, exactly as scikit-learn's `make_moons`.
///
/// The first `nSamples / 2` points are the outer moon (label 0), the rest the inner (label 1);
/// rows are shuffled, then Gaussian `noise` (a standard deviation) is added.
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for `nSamples < 1` or negative noise.
///   `LearnError/resourceLimit(operation:needed:limit:)` when `X` would exceed `ResourceLimits.standard`.
public func makeMoons(nSamples: Int = 100, shuffle: Bool = true, noise: Double? = nil, randomState: Int? = nil) throws
    -> (X: Matrix<Double>, y: [Int])
{
    try makeMoons(nSamples: try halves(nSamples), shuffle: shuffle, noise: noise, randomState: randomState)
}

/// ``makeMoons(nSamples:shuffle:noise:randomState:)`` with the two moons' sizes given separately
/// (scikit-learn's `n_samples=(n_out, n_in)`).
public func makeMoons(
    nSamples: (outer: Int, inner: Int), shuffle: Bool = true, noise: Double? = nil,
    randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Int]) {
    let (outer, inner) = try checkedCurveSizes(nSamples, "makeMoons")
    if let noise { try GeneratorValidation.nonNegative(noise, "noise") }
    var g = try RandomState.from(randomState)
    let tOuter = linspace(0, .pi, count: outer, endpoint: true)
    let tInner = linspace(0, .pi, count: inner, endpoint: true)
    var points = tOuter.map { (cos($0), sin($0)) }
    points += tInner.map { (1 - cos($0), 1 - sin($0) - 0.5) }
    return try finishTwoClassCurves(points, outer: outer, shuffle: shuffle, noise: noise, using: &g)
}

/// A large circle containing a smaller one, exactly as scikit-learn's `make_circles`.
///
/// `factor` is the inner radius relative to the outer, in [0, 1).
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for `factor` outside [0, 1),
///   `nSamples < 1` or negative noise.
///   `LearnError/resourceLimit(operation:needed:limit:)` when `X` would exceed `ResourceLimits.standard`.
public func makeCircles(
    nSamples: Int = 100, shuffle: Bool = true, noise: Double? = nil, randomState: Int? = nil, factor: Double = 0.8
) throws -> (X: Matrix<Double>, y: [Int]) {
    try makeCircles(
        nSamples: try halves(nSamples), shuffle: shuffle, noise: noise, randomState: randomState, factor: factor)
}

/// ``makeCircles(nSamples:shuffle:noise:randomState:factor:)`` with the two circles' sizes given
/// separately (scikit-learn's `n_samples=(n_out, n_in)`).
public func makeCircles(
    nSamples: (outer: Int, inner: Int), shuffle: Bool = true, noise: Double? = nil, randomState: Int? = nil,
    factor: Double = 0.8
) throws -> (X: Matrix<Double>, y: [Int]) {
    let (outer, inner) = try checkedCurveSizes(nSamples, "makeCircles")
    guard factor >= 0 && factor < 1 else {
        throw LearnError.invalidParameter(name: "factor", expected: "a number in [0, 1)", got: "\(factor)")
    }
    if let noise { try GeneratorValidation.nonNegative(noise, "noise") }
    var g = try RandomState.from(randomState)
    var points = linspace(0, 2 * .pi, count: outer, endpoint: false).map { (cos($0), sin($0)) }
    points += linspace(0, 2 * .pi, count: inner, endpoint: false).map { (cos($0) * factor, sin($0) * factor) }
    return try finishTwoClassCurves(points, outer: outer, shuffle: shuffle, noise: noise, using: &g)
}

/// `nSamples` (at least 1) split as scikit-learn does: the outer curve gets the smaller half.
private func halves(_ nSamples: Int) throws -> (outer: Int, inner: Int) {
    try GeneratorValidation.atLeast(1, nSamples, "nSamples")
    return (outer: nSamples / 2, inner: nSamples - nSamples / 2)
}

/// The two curves' sizes after checking them: none negative, at least one point, and an `X` of
/// `[total, 2]` within the resource limits.
private func checkedCurveSizes(_ nSamples: (outer: Int, inner: Int), _ operation: String) throws
    -> (outer: Int, inner: Int)
{
    let (outer, inner) = nSamples
    try GeneratorValidation.atLeast(0, outer, "nSamples.outer")
    try GeneratorValidation.atLeast(0, inner, "nSamples.inner")
    let total = try Shape.sum(outer, inner, operation: operation)
    try GeneratorValidation.atLeast(1, total, "nSamples.outer + nSamples.inner")
    try Shape.checkArray([total, 2], scalarSize: 8, operation: operation)
    return nSamples
}

/// Labels (outer 0, inner 1), shuffle, then noise — the order scikit-learn draws in.
private func finishTwoClassCurves(
    _ points: [(Double, Double)], outer: Int, shuffle: Bool, noise: Double?,
    using g: inout RandomState
) throws -> (X: Matrix<Double>, y: [Int]) {
    var X = try Matrix(rows: points.count, columns: 2, scalars: points.flatMap { [$0.0, $0.1] })
    var y = points.indices.map { $0 < outer ? 0 : 1 }
    if shuffle { (X, y) = shuffledRows(X, y, using: &g) }
    if let noise {
        X.withUnsafeMutableBufferPointer { x in
            for i in x.indices { x[i] += 0.0 + noise * g.standardNormal() }
        }
    }
    return (X, y)
}

/// NumPy's `linspace(start, stop, count, endpoint)`: `i * step + start`, the last value exactly
/// `stop` when `endpoint` is true.
func linspace(_ start: Double, _ stop: Double, count: Int, endpoint: Bool) -> [Double] {
    guard count > 0 else { return [] }
    let divisions = endpoint ? count - 1 : count
    guard divisions > 0 else { return [start] }
    let step = (stop - start) / Double(divisions)
    var values = (0..<count).map { Double($0) * step + start }
    if endpoint { values[count - 1] = stop }
    return values
}
