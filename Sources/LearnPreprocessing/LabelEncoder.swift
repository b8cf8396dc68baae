import LearnCore

/// Encodes labels of any hashable, ordered type as `0..<k` in sorted order and back, as
/// scikit-learn's `LabelEncoder` (e.g. `["paris", "tokyo"]` → `[0, 1]`).
public struct LabelEncoder<Label: Hashable & Comparable & Sendable>: Estimator, Equatable {
    /// `"LabelEncoder"`.
    public static var estimatorName: String { "LabelEncoder" }

    /// The distinct labels seen in `fit`, sorted (`classes_`); label `classes[i]` encodes as `i`. Strings are
    /// distinct and ordered by their code points, as in Python (LearnCore's `CodePointKey`).
    public internal(set) var classes: [Label] = []
    var codes: [CodePointKey<Label>: Int] = [:]

    /// Creates an unfitted encoder.
    public init() {}

    /// No hyper-parameters.
    public var parameters: [String: ParameterValue] { [:] }

    /// There is nothing to set: every name is unknown.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws { throw unknownParameter(name) }

    /// Learns the sorted distinct labels.
    /// - Throws: `LearnError/emptyInput(operation:)` for no labels.
    public mutating func fit(_ labels: [Label]) throws {
        guard !labels.isEmpty else { throw LearnError.emptyInput(operation: "LabelEncoder.fit") }
        classes = CodePointKey.distinctSorted(labels)
        codes = CodePointKey.positions(classes)
    }

    /// Each label's code.
    /// - Throws: `LearnError/unknownLabel(_:)` naming labels not seen in `fit`; `LearnError/notFitted(type:)`.
    public func transform(_ labels: [Label]) throws -> [Int] {
        guard !classes.isEmpty else { throw LearnError.notFitted(type: Self.estimatorName) }
        var unseen: [Label] = []
        let result = labels.map { label -> Int in
            guard let code = codes[CodePointKey(label)] else {
                unseen.append(label)
                return -1
            }
            return code
        }
        guard unseen.isEmpty else {
            throw LearnError.unknownLabel(
                "y contains labels not seen in fit: \(CodePointKey.distinctSorted(unseen).prefix(10))")
        }
        return result
    }

    /// ``fit(_:)`` then ``transform(_:)``.
    public mutating func fitTransform(_ labels: [Label]) throws -> [Int] {
        try fit(labels)
        return try transform(labels)
    }

    /// The labels for codes.
    /// - Throws: `LearnError/unknownLabel(_:)` for a code outside `0..<classes.count`.
    public func inverseTransform(_ codes: [Int]) throws -> [Label] {
        guard !classes.isEmpty else { throw LearnError.notFitted(type: Self.estimatorName) }
        return try codes.map { code in
            guard code >= 0 && code < classes.count else {
                throw LearnError.unknownLabel("code \(code) is outside 0..<\(classes.count)")
            }
            return classes[code]
        }
    }
}
