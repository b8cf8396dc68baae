// Elementwise arithmetic for `Matrix` with NumPy broadcasting. Operators between two arrays throw
// `LearnError.shapeMismatch` when the shapes do not broadcast; operators with a scalar cannot fail.
extension Matrix {
    /// `lhs + rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func + (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.add, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix + Matrix")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }

    /// `lhs + rhs` for every element.
    public static func + (lhs: Matrix, rhs: Scalar) -> Matrix {
        var result = lhs
        Elementwise.scalarInPlace(.add, &result.scalars, rhs)
        return result
    }

    /// `lhs + rhs` for every element.
    public static func + (lhs: Scalar, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scalars = Elementwise.scalar(.add, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs += rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func += (lhs: inout Matrix, rhs: Matrix) throws {
        try Elementwise.binaryInPlace(.add, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix += Matrix")
    }

    /// `lhs += rhs` for every element, in place.
    public static func += (lhs: inout Matrix, rhs: Scalar) {
        Elementwise.scalarInPlace(.add, &lhs.scalars, rhs)
    }

    /// `lhs - rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func - (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.subtract, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix - Matrix")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }

    /// `lhs - rhs` for every element.
    public static func - (lhs: Matrix, rhs: Scalar) -> Matrix {
        var result = lhs
        Elementwise.scalarInPlace(.subtract, &result.scalars, rhs)
        return result
    }

    /// `lhs - rhs` for every element.
    public static func - (lhs: Scalar, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scalars = Elementwise.scalar(.subtract, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs -= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func -= (lhs: inout Matrix, rhs: Matrix) throws {
        try Elementwise.binaryInPlace(.subtract, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix -= Matrix")
    }

    /// `lhs -= rhs` for every element, in place.
    public static func -= (lhs: inout Matrix, rhs: Scalar) {
        Elementwise.scalarInPlace(.subtract, &lhs.scalars, rhs)
    }

    /// `lhs * rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.multiply, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix * Matrix")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }

    /// `lhs * rhs` for every element.
    public static func * (lhs: Matrix, rhs: Scalar) -> Matrix {
        var result = lhs
        Elementwise.scalarInPlace(.multiply, &result.scalars, rhs)
        return result
    }

    /// `lhs * rhs` for every element.
    public static func * (lhs: Scalar, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scalars = Elementwise.scalar(.multiply, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs *= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func *= (lhs: inout Matrix, rhs: Matrix) throws {
        try Elementwise.binaryInPlace(.multiply, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix *= Matrix")
    }

    /// `lhs *= rhs` for every element, in place.
    public static func *= (lhs: inout Matrix, rhs: Scalar) {
        Elementwise.scalarInPlace(.multiply, &lhs.scalars, rhs)
    }

    /// `lhs / rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func / (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.divide, lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix / Matrix")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }

    /// `lhs / rhs` for every element.
    public static func / (lhs: Matrix, rhs: Scalar) -> Matrix {
        var result = lhs
        Elementwise.scalarInPlace(.divide, &result.scalars, rhs)
        return result
    }

    /// `lhs / rhs` for every element.
    public static func / (lhs: Scalar, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scalars = Elementwise.scalar(.divide, rhs.scalars, lhs, scalarOnLeft: true)
        return result
    }

    /// `lhs /= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func /= (lhs: inout Matrix, rhs: Matrix) throws {
        try Elementwise.binaryInPlace(.divide, &lhs.scalars, lhs.shape, rhs.scalars, rhs.shape, operation: "Matrix /= Matrix")
    }

    /// `lhs /= rhs` for every element, in place.
    public static func /= (lhs: inout Matrix, rhs: Scalar) {
        Elementwise.scalarInPlace(.divide, &lhs.scalars, rhs)
    }

    /// The elementwise negation.
    public static prefix func - (operand: Matrix) -> Matrix { operand.applying(.negate) }

    /// The elementwise maximum of two broadcast operands (NaN wins, as `numpy.maximum`).
    public func maximum(_ other: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.maximum, scalars, shape, other.scalars, other.shape, operation: "maximum")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }

    /// The elementwise minimum of two broadcast operands (NaN wins, as `numpy.minimum`).
    public func minimum(_ other: Matrix) throws -> Matrix {
        let r = try Elementwise.binary(.minimum, scalars, shape, other.scalars, other.shape, operation: "minimum")
        return Matrix(uncheckedRows: r.shape[0], columns: r.shape[1], scalars: r.scalars)
    }
}

// A plain array next to a matrix is a row (NumPy broadcasts a 1-D array along the last axis).
extension Matrix {
    /// `lhs + rhs` with `rhs` broadcast as a row (`rhs.count == lhs.columns`).
    public static func + (lhs: Matrix, rhs: [Scalar]) throws -> Matrix {
        try lhs + Matrix(row: rhs)
    }

    /// `lhs += rhs` in place, with `rhs` broadcast as a row.
    public static func += (lhs: inout Matrix, rhs: [Scalar]) throws {
        try lhs += Matrix(row: rhs)
    }

    /// `lhs - rhs` with `rhs` broadcast as a row (`rhs.count == lhs.columns`).
    public static func - (lhs: Matrix, rhs: [Scalar]) throws -> Matrix {
        try lhs - Matrix(row: rhs)
    }

    /// `lhs -= rhs` in place, with `rhs` broadcast as a row.
    public static func -= (lhs: inout Matrix, rhs: [Scalar]) throws {
        try lhs -= Matrix(row: rhs)
    }

    /// `lhs * rhs` with `rhs` broadcast as a row (`rhs.count == lhs.columns`).
    public static func * (lhs: Matrix, rhs: [Scalar]) throws -> Matrix {
        try lhs * Matrix(row: rhs)
    }

    /// `lhs *= rhs` in place, with `rhs` broadcast as a row.
    public static func *= (lhs: inout Matrix, rhs: [Scalar]) throws {
        try lhs *= Matrix(row: rhs)
    }

    /// `lhs / rhs` with `rhs` broadcast as a row (`rhs.count == lhs.columns`).
    public static func / (lhs: Matrix, rhs: [Scalar]) throws -> Matrix {
        try lhs / Matrix(row: rhs)
    }

    /// `lhs /= rhs` in place, with `rhs` broadcast as a row.
    public static func /= (lhs: inout Matrix, rhs: [Scalar]) throws {
        try lhs /= Matrix(row: rhs)
    }
}
