// The arithmetic operators of `Tensor` (their shared implementation: `DenseArray+Arithmetic.swift`).
// Operators between two tensors throw `LearnError.shapeMismatch` when the shapes do not broadcast
// (NumPy's rules); operators with a scalar cannot fail.
extension Tensor {
    /// `lhs + rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try combine(.add, lhs, rhs, "+") }
    /// `lhs + rhs` for every element.
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { combine(.add, lhs, rhs) }
    /// `lhs + rhs` for every element.
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { combine(.add, rhs, lhs, scalarOnLeft: true) }
    /// `lhs += rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func += (lhs: inout Tensor, rhs: Tensor) throws { try update(.add, &lhs, rhs, "+=") }
    /// `lhs += rhs` for every element, in place.
    public static func += (lhs: inout Tensor, rhs: Scalar) { update(.add, &lhs, rhs) }

    /// `lhs - rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try combine(.subtract, lhs, rhs, "-") }
    /// `lhs - rhs` for every element.
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { combine(.subtract, lhs, rhs) }
    /// `lhs - rhs` for every element.
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { combine(.subtract, rhs, lhs, scalarOnLeft: true) }
    /// `lhs -= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func -= (lhs: inout Tensor, rhs: Tensor) throws { try update(.subtract, &lhs, rhs, "-=") }
    /// `lhs -= rhs` for every element, in place.
    public static func -= (lhs: inout Tensor, rhs: Scalar) { update(.subtract, &lhs, rhs) }

    /// `lhs * rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try combine(.multiply, lhs, rhs, "*") }
    /// `lhs * rhs` for every element.
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { combine(.multiply, lhs, rhs) }
    /// `lhs * rhs` for every element.
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { combine(.multiply, rhs, lhs, scalarOnLeft: true) }
    /// `lhs *= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func *= (lhs: inout Tensor, rhs: Tensor) throws { try update(.multiply, &lhs, rhs, "*=") }
    /// `lhs *= rhs` for every element, in place.
    public static func *= (lhs: inout Tensor, rhs: Scalar) { update(.multiply, &lhs, rhs) }

    /// `lhs / rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try combine(.divide, lhs, rhs, "/") }
    /// `lhs / rhs` for every element.
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { combine(.divide, lhs, rhs) }
    /// `lhs / rhs` for every element.
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { combine(.divide, rhs, lhs, scalarOnLeft: true) }
    /// `lhs /= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func /= (lhs: inout Tensor, rhs: Tensor) throws { try update(.divide, &lhs, rhs, "/=") }
    /// `lhs /= rhs` for every element, in place.
    public static func /= (lhs: inout Tensor, rhs: Scalar) { update(.divide, &lhs, rhs) }

    /// The elementwise negation.
    public static prefix func - (operand: Tensor) -> Tensor { operand.applying(.negate) }
}
