import LearnCore

/// A numeric table read from a CSV file with a header line: the feature columns as a matrix and,
/// when a target column was named, that column separately.
public struct CSVTable: Sendable, Equatable {
    /// The header names of the feature columns, in file order.
    public var featureNames: [String]
    /// The feature values, one row per data line.
    public var data: Matrix<Double>
    /// The target column's name, when one was chosen.
    public var targetName: String?
    /// The target column's values, when one was chosen.
    public var target: [Double]?

    /// Creates a table.
    public init(featureNames: [String], data: Matrix<Double>, targetName: String? = nil, target: [Double]? = nil) {
        self.featureNames = featureNames
        self.data = data
        self.targetName = targetName
        self.target = target
    }

    /// The target as class labels, for classification.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` when no target was read, or a
    ///   value is not a whole number.
    public func integerTarget() throws -> [Int] {
        guard let target, let targetName else {
            throw LearnError.invalidParameter(
                name: "targetColumn", expected: "a target column to have been read", got: "none")
        }
        return try target.enumerated().map { row, value in
            guard value.isFinite, value.rounded() == value, let label = Int(exactly: value) else {
                throw LearnError.invalidParameter(
                    name: targetName, expected: "whole-number class labels", got: "\(value) in data row \(row + 1)")
            }
            return label
        }
    }
}
