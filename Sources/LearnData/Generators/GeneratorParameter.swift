import LearnCore

/// A generator argument that scikit-learn accepts as "float, array of shape (n,) or None":
/// one value for everything, one value per item (feature or center), or drawn at random.
///
/// Literals work as in Python: `shift: 0.5`, `scale: [1, 2, 3]`, `shift: .random`.
public enum GeneratorParameter: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    /// The same value for every item.
    case value(Double)
    /// One value per item.
    case values([Double])
    /// Drawn from the generator's `RandomState`: scikit-learn's `None`.
    case random

    /// `.value(x)` from a float literal.
    public init(floatLiteral value: Double) { self = .value(value) }
    /// `.value(x)` from an integer literal.
    public init(integerLiteral value: Int) { self = .value(Double(value)) }
    /// `.values([…])` from an array literal.
    public init(arrayLiteral elements: Double...) { self = .values(elements) }

    /// The per-item values for `count` items; `random` is resolved by the caller.
    func resolved(count: Int, name: String) throws -> [Double]? {
        switch self {
        case let .value(x): return [Double](repeating: x, count: count)
        case let .values(xs):
            guard xs.count == count else {
                throw LearnError.invalidParameter(
                    name: name, expected: "\(count) values (one per item)", got: "\(xs.count) values")
            }
            return xs
        case .random: return nil
        }
    }
}
