import LearnCore

/// Argument checks shared by the generators, with scikit-learn's constraints and messages
/// that say what was expected.
enum GeneratorValidation {
    static func atLeast(_ minimum: Int, _ value: Int, _ name: String) throws {
        guard value >= minimum else {
            throw LearnError.invalidParameter(name: name, expected: "\(name) >= \(minimum)", got: "\(value)")
        }
    }

    static func finite(_ value: Double, _ name: String) throws {
        guard value.isFinite else {
            throw LearnError.invalidParameter(name: name, expected: "a finite number", got: "\(value)")
        }
    }

    static func nonNegative(_ value: Double, _ name: String) throws {
        guard value.isFinite && value >= 0 else {
            throw LearnError.invalidParameter(name: name, expected: "a finite number >= 0", got: "\(value)")
        }
    }
}
