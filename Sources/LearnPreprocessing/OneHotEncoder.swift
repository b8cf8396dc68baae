import LearnCore

/// What ``OneHotEncoder`` does with a category it did not see in `fit`.
public enum UnknownCategoryHandling: String, Sendable, CaseIterable {
    /// Throw `LearnError/unknownLabel(_:)` (scikit-learn's default).
    case error
    /// Encode the feature as all zeros.
    case ignore
}

/// Encodes categorical features as one indicator column per category, as scikit-learn's
/// `OneHotEncoder(sparse_output=False)`: categories are each column's sorted distinct values.
///
/// ```swift
/// var encoder = OneHotEncoder<String>()
/// let X = try encoder.fitTransform([["red", "S"], ["green", "M"]])   // 2 × 4 indicators
/// ```
/// With `Double` categories it is also a `Transformer` on `Matrix<Double>`.
public struct OneHotEncoder<Category: Hashable & Comparable & Sendable>: Estimator, Equatable {
    /// `"OneHotEncoder"`.
    public static var estimatorName: String { "OneHotEncoder" }

    /// What to do with categories not seen in `fit`.
    public var handleUnknown: UnknownCategoryHandling

    /// Each input column's sorted categories (`categories_`); strings are distinct and ordered by their code
    /// points, as in Python (LearnCore's `CodePointKey`).
    public internal(set) var categories: [[Category]] = []
    var codes: [[CodePointKey<Category>: Int]] = []

    /// Creates an unfitted encoder.
    public init(handleUnknown: UnknownCategoryHandling = .error) {
        self.handleUnknown = handleUnknown
    }

    /// `handleUnknown` by name.
    public var parameters: [String: ParameterValue] { ["handleUnknown": .string(handleUnknown.rawValue)] }

    /// Sets `handleUnknown` (`"error"` or `"ignore"`).
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        guard name == "handleUnknown" else { throw unknownParameter(name) }
        guard let handling = UnknownCategoryHandling(rawValue: try value.string(name)) else {
            throw LearnError.invalidParameter(name: name, expected: "error or ignore", got: value.description)
        }
        handleUnknown = handling
    }

    /// The number of output columns.
    public var outputWidth: Int { categories.reduce(0) { $0 + $1.count } }

    /// Learns each column's categories.
    /// - Throws: `LearnError/emptyInput(operation:)`; `LearnError/shapeMismatch(operation:expected:got:)` for ragged rows.
    public mutating func fit(_ rows: [[Category]]) throws {
        let width = try Self.width(of: rows, "OneHotEncoder.fit")
        categories = (0..<width).map { j in CodePointKey.distinctSorted(rows.map { $0[j] }) }
        codes = categories.map { CodePointKey.positions($0) }
    }

    /// The indicator matrix, one block of columns per input column.
    /// - Throws: `LearnError/unknownLabel(_:)` for an unseen category with `handleUnknown == .error`;
    ///   `LearnError/notFitted(type:)`; shape errors.
    public func transform(_ rows: [[Category]]) throws -> Matrix<Double> {
        guard !categories.isEmpty else { throw LearnError.notFitted(type: Self.estimatorName) }
        guard rows.allSatisfy({ $0.count == categories.count }) else {
            throw LearnError.shapeMismatch(
                operation: "OneHotEncoder.transform", expected: "rows of \(categories.count) values",
                got: "a row of \(rows.first { $0.count != categories.count }?.count ?? 0)")
        }
        let offsets = categories.indices.map { j in categories[0..<j].reduce(0) { $0 + $1.count } }
        var result = try Matrix<Double>.zeros(rows.count, outputWidth)
        for (i, row) in rows.enumerated() {
            for (j, value) in row.enumerated() {
                if let code = codes[j][CodePointKey(value)] {
                    result[i, offsets[j] + code] = 1
                } else if handleUnknown == .error {
                    throw LearnError.unknownLabel("found unknown category \(value) in column \(j) during transform")
                }
            }
        }
        return result
    }

    /// `fit(_:)` then `transform(_:)`.
    public mutating func fitTransform(_ rows: [[Category]]) throws -> Matrix<Double> {
        try fit(rows)
        return try transform(rows)
    }

    /// The category of each block's set column; `nil` where a block is all zeros (an ignored unknown).
    /// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` for the wrong width.
    public func inverseTransform(_ X: Matrix<Double>) throws -> [[Category?]] {
        guard !categories.isEmpty else { throw LearnError.notFitted(type: Self.estimatorName) }
        guard X.columns == outputWidth else {
            throw LearnError.shapeMismatch(
                operation: "OneHotEncoder.inverseTransform", expected: "\(outputWidth) columns", got: "\(X.columns)")
        }
        return (0..<X.rows).map { i in
            var offset = 0
            return categories.map { block in
                defer { offset += block.count }
                let values = (0..<block.count).map { X[i, offset + $0] }
                guard let best = values.indices.max(by: { values[$0] < values[$1] }), values[best] > 0 else {
                    return nil
                }
                return block[best]
            }
        }
    }

    /// Output column names `input_category` (scikit-learn's `get_feature_names_out`); default inputs `x0, x1, …`.
    public func featureNamesOut(_ inputFeatures: [String]? = nil) throws -> [String] {
        let inputs = inputFeatures ?? categories.indices.map { "x\($0)" }
        guard inputs.count == categories.count else {
            throw LearnError.shapeMismatch(
                operation: "featureNamesOut", expected: "\(categories.count) input names", got: "\(inputs.count)")
        }
        return zip(inputs, categories).flatMap { name, block in block.map { "\(name)_\(Self.pythonString($0))" } }
    }

    private static func pythonString(_ value: Category) -> String {
        if let x = value as? Double, x.rounded() == x, Swift.abs(x) < 1e15 { return "\(x)" }
        return "\(value)"
    }

    private static func width(of rows: [[Category]], _ operation: String) throws -> Int {
        guard let width = rows.first?.count, width > 0 else { throw LearnError.emptyInput(operation: operation) }
        if let ragged = rows.first(where: { $0.count != width }) {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "rows of \(width) values", got: "a row of \(ragged.count)")
        }
        return width
    }
}

extension OneHotEncoder: Transformer where Category == Double {
    /// Learns each column's distinct values as categories.
    /// - Throws: `LearnError/nonFiniteInput(operation:)` for NaN or infinities.
    public mutating func fit(_ X: Matrix<Double>) throws {
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: "OneHotEncoder.fit") }
        try fit(Self.rows(X))
    }

    /// Indicator columns for the values of `X`.
    public func transform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: "OneHotEncoder.transform") }
        return try transform(Self.rows(X))
    }

    private static func rows(_ X: Matrix<Double>) -> [[Double]] {
        (0..<X.rows).map { i in (0..<X.columns).map { X[i, $0] } }
    }
}
