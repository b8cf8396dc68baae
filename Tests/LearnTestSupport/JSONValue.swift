import Foundation

/// A JSON document decoded exactly: numbers go through `JSONDecoder`, which parses decimals
/// correctly rounded (Foundation's `JSONSerialization` on Linux can be off by an ulp, too coarse
/// for bit-exact comparisons with NumPy).
public enum JSONValue: Decodable, Sendable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    /// Decodes any JSON value, preferring integers for numbers without a fraction.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Reads and decodes a file.
    public static func load(_ url: URL) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    /// A member that must exist.
    public func member(_ key: String) throws -> JSONValue {
        guard let value = self[key] else { throw VectorError("missing key \(key)") }
        return value
    }

    /// An integer (a JSON number without fraction).
    public func int() throws -> Int {
        guard case let .int(value) = self else { throw VectorError("expected an integer, got \(self)") }
        return value
    }

    /// A number as `Double` (the strings `"nan"`, `"inf"`, `"-inf"` stand for the non-finite values).
    public func double() throws -> Double {
        switch self {
        case let .double(value): return value
        case let .int(value): return Double(value)
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: throw VectorError("expected a number, got \(self)")
        }
    }

    /// A list of strings.
    public func strings() throws -> [String] { try array().map { try $0.string() } }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A string.
    public func string() throws -> String {
        guard case let .string(value) = self else { throw VectorError("expected a string, got \(self)") }
        return value
    }

    /// A list.
    public func array() throws -> [JSONValue] {
        guard case let .array(values) = self else { throw VectorError("expected a list, got \(self)") }
        return values
    }

    /// A list of integers (a lone integer counts as a list of one).
    public func ints() throws -> [Int] {
        if case let .int(value) = self { return [value] }
        return try array().map { try $0.int() }
    }

    /// A list of numbers.
    public func doubles() throws -> [Double] { try array().map { try $0.double() } }

    /// A list of C99 hex-float strings (`float.hex()`), read exactly.
    public func hexDoubles() throws -> [Double] {
        try array().map { value in
            let text = try value.string()
            guard let parsed = Double(text) else { throw VectorError("bad hex float \(text)") }
            return parsed
        }
    }

    /// A list of rows of hex floats, flattened row-major, with the row count.
    public func hexMatrix() throws -> (rows: Int, scalars: [Double]) {
        let rows = try array()
        return (rows.count, try rows.flatMap { try $0.hexDoubles() })
    }

    /// A list of rows of numbers, flattened row-major, with the row count.
    public func matrix() throws -> (rows: Int, scalars: [Double]) {
        let rows = try array()
        return (rows.count, try rows.flatMap { try $0.doubles() })
    }
}

/// A malformed or missing reference value.
public struct VectorError: Error, CustomStringConvertible {
    /// What was wrong.
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
