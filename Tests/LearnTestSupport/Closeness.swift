import Testing

// The one approximate-equality rule of SwiftLearn's tests, shared by every test target: `got` is close to
// `expected` when |got − expected| ≤ tolerance · max(1, |expected|) — relative for values above 1,
// absolute below — with NaN close only to NaN and an infinity only to itself. Each caller states its
// tolerance and why (float32 against float64 references, a matrix product upstream, an iterative solver).

/// `|got − expected| / max(1, |expected|)`: 0 for equal values (two NaNs, equal infinities included),
/// infinity when only one is NaN or infinite.
public func relativeError<G: BinaryFloatingPoint, E: BinaryFloatingPoint>(_ got: G, _ expected: E) -> Double {
    let (g, e) = (Double(got), Double(expected))
    if g == e || (g.isNaN && e.isNaN) { return 0 }
    guard g.isFinite, e.isFinite else { return .infinity }
    return abs(g - e) / max(1, abs(e))
}

/// Whether `got` is within `tolerance` of `expected` by the rule above.
public func isClose<G: BinaryFloatingPoint, E: BinaryFloatingPoint>(_ got: G, _ expected: E, tolerance: Double) -> Bool
{
    relativeError(got, expected) <= tolerance
}

/// Whether both arrays have the same count and every pair is close.
public func isClose<G: BinaryFloatingPoint, E: BinaryFloatingPoint>(_ got: [G], _ expected: [E], tolerance: Double)
    -> Bool
{
    got.count == expected.count && zip(got, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// Expects `got` to be within `tolerance` of `expected`.
public func expectClose<G: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ got: G, _ expected: E, tolerance: Double, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        isClose(got, expected, tolerance: tolerance),
        "\(what): got \(got), expected \(expected) (tolerance \(tolerance))",
        sourceLocation: sourceLocation)
}

/// Expects the same count and every element within `tolerance`; a failure names the worst element.
public func expectClose<G: BinaryFloatingPoint, E: BinaryFloatingPoint>(
    _ got: [G], _ expected: [E], tolerance: Double, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        got.count == expected.count, "\(what): \(got.count) values, expected \(expected.count)",
        sourceLocation: sourceLocation)
    let errors = zip(got, expected).map { relativeError($0, $1) }
    guard let worst = errors.indices.max(by: { errors[$0] < errors[$1] }) else { return }
    #expect(
        errors[worst] <= tolerance,
        "\(what)[\(worst)]: got \(got[worst]), expected \(expected[worst]) (relative error \(errors[worst]), tolerance \(tolerance))",
        sourceLocation: sourceLocation)
}
