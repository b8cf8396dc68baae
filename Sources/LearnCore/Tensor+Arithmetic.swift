// Elementwise arithmetic for `Tensor` with NumPy broadcasting. Operators between two arrays throw
// `LearnError.shapeMismatch` when the shapes do not broadcast; operators with a scalar cannot fail.
extension Tensor {
    /// `lhs + rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.add, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor + Tensor")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// `lhs + rhs` for every element.
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor {
        var result = lhs
        Elementwise.scalarInPlace(.add, &result.scalars, rhs)
        return result
    }

    /// `lhs + rhs` for every element.
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor {
        var result = rhs
        result.scalars = Elementwise.scalar(.add, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs += rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func += (lhs: inout Tensor, rhs: Tensor) throws {
        try Elementwise.binaryInPlace(.add, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor += Tensor")
    }

    /// `lhs += rhs` for every element, in place.
    public static func += (lhs: inout Tensor, rhs: Scalar) {
        Elementwise.scalarInPlace(.add, &lhs.scalars, rhs)
    }

    /// `lhs - rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.subtract, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor - Tensor")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// `lhs - rhs` for every element.
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor {
        var result = lhs
        Elementwise.scalarInPlace(.subtract, &result.scalars, rhs)
        return result
    }

    /// `lhs - rhs` for every element.
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor {
        var result = rhs
        result.scalars = Elementwise.scalar(.subtract, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs -= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func -= (lhs: inout Tensor, rhs: Tensor) throws {
        try Elementwise.binaryInPlace(.subtract, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor -= Tensor")
    }

    /// `lhs -= rhs` for every element, in place.
    public static func -= (lhs: inout Tensor, rhs: Scalar) {
        Elementwise.scalarInPlace(.subtract, &lhs.scalars, rhs)
    }

    /// `lhs * rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.multiply, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor * Tensor")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// `lhs * rhs` for every element.
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor {
        var result = lhs
        Elementwise.scalarInPlace(.multiply, &result.scalars, rhs)
        return result
    }

    /// `lhs * rhs` for every element.
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor {
        var result = rhs
        result.scalars = Elementwise.scalar(.multiply, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs *= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func *= (lhs: inout Tensor, rhs: Tensor) throws {
        try Elementwise.binaryInPlace(.multiply, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor *= Tensor")
    }

    /// `lhs *= rhs` for every element, in place.
    public static func *= (lhs: inout Tensor, rhs: Scalar) {
        Elementwise.scalarInPlace(.multiply, &lhs.scalars, rhs)
    }

    /// `lhs / rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.divide, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor / Tensor")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// `lhs / rhs` for every element.
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor {
        var result = lhs
        Elementwise.scalarInPlace(.divide, &result.scalars, rhs)
        return result
    }

    /// `lhs / rhs` for every element.
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor {
        var result = rhs
        result.scalars = Elementwise.scalar(.divide, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs /= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func /= (lhs: inout Tensor, rhs: Tensor) throws {
        try Elementwise.binaryInPlace(.divide, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Tensor /= Tensor")
    }

    /// `lhs /= rhs` for every element, in place.
    public static func /= (lhs: inout Tensor, rhs: Scalar) {
        Elementwise.scalarInPlace(.divide, &lhs.scalars, rhs)
    }

    /// The elementwise negation.
    public static prefix func - (operand: Tensor) -> Tensor { operand.applying(.negate) }

    /// The elementwise maximum of two broadcast operands (NaN wins, as `numpy.maximum`).
    public func maximum(_ other: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.maximum, scalars, shape, other.scalars, other.shape, operation: "maximum")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// The elementwise minimum of two broadcast operands (NaN wins, as `numpy.minimum`).
    public func minimum(_ other: Tensor) throws -> Tensor {
        let r = try Elementwise.binary(.minimum, scalars, shape, other.scalars, other.shape, operation: "minimum")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }
}
