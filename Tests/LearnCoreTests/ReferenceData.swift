import Foundation
import LearnCore
import LearnTestSupport
import Testing

/// The NumPy/SciPy values in `Resources/core_reference.json`, written by
/// `Benchmarks/Reference/core_reference.py`.
struct ReferenceData: @unchecked Sendable { // immutable after init
    static let shared = ReferenceData()

    let root: [String: Any]

    init() {
        let url = Bundle.module.url(forResource: "core_reference", withExtension: "json", subdirectory: "Resources")
        let data = url.flatMap { try? Data(contentsOf: $0) } ?? Data()
        root = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }

    private func entry(_ section: String, _ key: String) -> Any? {
        (root[section] as? [String: Any])?[key]
    }

    /// A stored array as (shape, row-major values).
    func array(_ section: String, _ key: String) throws -> (shape: [Int], data: [Double]) {
        let object = try #require(entry(section, key) as? [String: Any], "missing reference \(section).\(key)")
        let shape = try #require(object["shape"] as? [Int])
        let data = try #require(object["data"] as? [Double])
        return (shape, data)
    }

    /// A stored 2-D array as a matrix of `S` (1-D arrays become one row).
    func matrix<S: LearnScalar>(_ section: String, _ key: String, as _: S.Type = Double.self) throws -> Matrix<S> {
        let (shape, data) = try array(section, key)
        let rows = shape.count == 2 ? shape[0] : 1
        return try Matrix(rows: rows, columns: data.count / max(rows, 1), scalars: data.map { S($0) })
    }

    /// An input matrix.
    func input<S: LearnScalar>(_ key: String, as type: S.Type = Double.self) throws -> Matrix<S> {
        try matrix("inputs", key, as: type)
    }

    /// A stored scalar.
    func scalar(_ section: String, _ key: String) throws -> Double {
        try #require(entry(section, key) as? Double, "missing reference \(section).\(key)")
    }

    /// A stored integer list.
    func integers(_ section: String, _ key: String) throws -> [Int] {
        if let value = entry(section, key) as? Int { return [value] }
        return try #require(entry(section, key) as? [Int], "missing reference \(section).\(key)")
    }
}

/// Tolerances: Double results agree with NumPy's float64 to rounding (1e-10 relative);
/// Float results are float32 arithmetic against float64 references (1e-4 relative).
func tolerance<S: LearnScalar>(for _: S.Type) -> Double { S.self == Float.self ? 1e-4 : 1e-10 }

/// Expects `got` to match a NumPy reference within `tolerance(for:)` (LearnTestSupport's closeness rule).
func expectReference<S: LearnScalar>(
    _ got: [S], _ expected: [Double], _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(got, expected, tolerance: tolerance(for: S.self), what, sourceLocation: sourceLocation)
}

/// Expects a matrix to have a NumPy reference's shape and, within `tolerance(for:)`, its values.
func expectReference<S: LearnScalar>(
    _ got: Matrix<S>, _ expected: (shape: [Int], data: [Double]), _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let shape = expected.shape.count == 2 ? expected.shape : [1, expected.shape[0]]
    #expect(
        got.shape == shape || (got.count == expected.data.count && expected.shape.count == 1),
        "\(what): shape \(got.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    expectReference(got.scalars, expected.data, what, sourceLocation: sourceLocation)
}

/// Expects `body` to throw exactly `expected`.
func expectError<T>(_ expected: LearnError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) {
    do {
        _ = try body()
        Issue.record("expected \(expected) but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as LearnError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected LearnError, got \(error)", sourceLocation: sourceLocation)
    }
}
