// Elementwise arithmetic of `Matrix` and `Tensor` with NumPy broadcasting, written once. The operators
// themselves are declared on each type (`Matrix+Arithmetic.swift`, `Tensor+Arithmetic.swift`) as one-line
// calls of these: generic operators on the protocol would be candidates in every `+` the type checker
// meets, and made ordinary expressions time out.
extension DenseArray {
    /// The type's name without its scalar (`Matrix`, `Tensor`), for error messages.
    static var kind: String { String(String(describing: Self.self).prefix { $0 != "<" }) }

    /// `lhs ∘ rhs` elementwise, broadcasting size-1 axes as NumPy does.
    static func combine(_ op: BinaryOperation, _ lhs: Self, _ rhs: Self, _ symbol: String) throws -> Self {
        let r = try Elementwise.binary(
            op, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "\(kind) \(symbol) \(kind)")
        return try Self(shape: r.shape, scalars: r.scalars)
    }

    /// `array ∘ value` (or `value ∘ array`) for every element.
    static func combine(_ op: BinaryOperation, _ array: Self, _ value: Scalar, scalarOnLeft: Bool = false) -> Self {
        array.sameShape(Elementwise.scalar(op, array.scalars, value, scalarOnLeft: scalarOnLeft))
    }

    /// `lhs ∘= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    static func update(_ op: BinaryOperation, _ lhs: inout Self, _ rhs: Self, _ symbol: String) throws {
        let shape = lhs.shape
        try lhs.withUnsafeMutableBufferPointer {
            try Elementwise.binaryInPlace(op, $0, shape, rhs.scalars, rhs.shape, operation: "\(kind) \(symbol) \(kind)")
        }
    }

    /// `array ∘= value` for every element, in place.
    static func update(_ op: BinaryOperation, _ array: inout Self, _ value: Scalar) {
        array.withUnsafeMutableBufferPointer { Elementwise.scalarInPlace(op, $0, value) }
    }

    /// The elementwise maximum of two broadcast operands (NaN wins, as `numpy.maximum`).
    public func maximum(_ other: Self) throws -> Self {
        let r = try Elementwise.binary(.maximum, scalars, shape, other.scalars, other.shape, operation: "maximum")
        return try Self(shape: r.shape, scalars: r.scalars)
    }

    /// The elementwise minimum of two broadcast operands (NaN wins, as `numpy.minimum`).
    public func minimum(_ other: Self) throws -> Self {
        let r = try Elementwise.binary(.minimum, scalars, shape, other.scalars, other.shape, operation: "minimum")
        return try Self(shape: r.shape, scalars: r.scalars)
    }
}
