/// The value of an HDF5 attribute as SwiftLearn writes and reads them.
public enum HDF5Attribute: Sendable, Equatable, CustomStringConvertible {
    /// A 64-bit integer scalar.
    case int(Int64)
    /// A float64 scalar.
    case double(Double)
    /// A variable-length UTF-8 string scalar.
    case string(String)
    /// A one-byte flag (`uint8` scalar, 0 or 1).
    case bool(Bool)
    /// A 1-D int64 array.
    case ints([Int64])
    /// A 1-D float64 array.
    case doubles([Double])
    /// A 1-D array of variable-length strings.
    case strings([String])

    /// A short rendering for listings.
    public var description: String {
        switch self {
        case let .int(v): return "\(v)"
        case let .double(v): return "\(v)"
        case let .string(v): return v.count > 80 ? "'\(v.prefix(77))...'" : "'\(v)'"
        case let .bool(v): return v ? "True" : "False"
        case let .ints(v): return "\(v)"
        case let .doubles(v): return "\(v)"
        case let .strings(v): return "\(v)"
        }
    }
}
