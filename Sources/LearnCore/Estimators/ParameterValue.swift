import Foundation

/// A hyper-parameter value, as scikit-learn's `get_params()` reports it: the currency in which the
/// CLI (`--param key=value`), persistence and generic tools read and set estimators.
public enum ParameterValue: Sendable, Equatable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral
{
    /// An integer.
    case int(Int)
    /// A floating-point number.
    case double(Double)
    /// A flag.
    case bool(Bool)
    /// A name from a fixed set (`"l2"`, `"lbfgs"`).
    case string(String)
    /// A list of numbers (a feature range, class weights).
    case doubles([Double])
    /// Python's `None`.
    case none

    /// `.int(n)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.double(x)`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `.bool(b)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `.string(s)`.
    public init(stringLiteral value: String) { self = .string(value) }

    /// The value as scikit-learn would print it (`1.0`, `True`, `'l2'`, `None`).
    public var description: String {
        switch self {
        case let .int(n): return "\(n)"
        case let .double(x): return "\(x)"
        case let .bool(b): return b ? "True" : "False"
        case let .string(s): return "'\(s)'"
        case let .doubles(xs): return "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
        case .none: return "None"
        }
    }

    /// Parses command-line text: `true`/`false`, `none`, an integer, a number, comma-separated numbers,
    /// else a string.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "true": self = .bool(true)
        case "false": self = .bool(false)
        case "none", "null": self = .none
        default:
            if let n = Int(trimmed) {
                self = .int(n)
            } else if let x = Double(trimmed) {
                self = .double(x)
            } else if trimmed.contains(","), case let parts = trimmed.split(separator: ",").compactMap({ Double($0) }),
                parts.count == trimmed.split(separator: ",").count
            {
                self = .doubles(parts)
            } else {
                self = .string(trimmed)
            }
        }
    }

    /// Parses one `key=value` assignment as the CLI's `--param` takes it: the key in scikit-learn's spelling
    /// is camel-cased (`max_iter` → `maxIter`; `maxIter` stays), the value goes through ``init(parsing:)``.
    ///
    /// <!-- doctest: given var model = LogisticRegression() -->
    /// ```swift
    /// let (name, value) = try ParameterValue.assignment(parsing: "max_iter=200")  // ("maxIter", .int(200))
    /// try model.setParameter(name, value)
    /// ```
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when there is no `=` or no key.
    public static func assignment(parsing text: String) throws -> (name: String, value: ParameterValue) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw LearnError.invalidParameter(name: "--param", expected: "key=value", got: "'\(text)'")
        }
        let words = text[..<equals].split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else {
            throw LearnError.invalidParameter(name: "--param", expected: "key=value", got: "'\(text)'")
        }
        let name = String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return (name, ParameterValue(parsing: String(text[text.index(after: equals)...])))
    }

    /// The value as a `Double` (integers widen), or an error naming the parameter.
    public func double(_ name: String) throws -> Double {
        switch self {
        case let .double(x): return x
        case let .int(n): return Double(n)
        default: throw LearnError.invalidParameter(name: name, expected: "a number", got: description)
        }
    }

    /// The value as an `Int` (whole doubles narrow), or an error naming the parameter.
    public func int(_ name: String) throws -> Int {
        switch self {
        case let .int(n): return n
        case let .double(x) where x.rounded() == x && Swift.abs(x) < 1e15: return Int(x)
        default: throw LearnError.invalidParameter(name: name, expected: "an integer", got: description)
        }
    }

    /// The value as a `Bool`, or an error naming the parameter.
    public func bool(_ name: String) throws -> Bool {
        guard case let .bool(b) = self else {
            throw LearnError.invalidParameter(name: name, expected: "true or false", got: description)
        }
        return b
    }

    /// The value as a `String`, or an error naming the parameter.
    public func string(_ name: String) throws -> String {
        guard case let .string(s) = self else {
            throw LearnError.invalidParameter(name: name, expected: "a name", got: description)
        }
        return s
    }
}
