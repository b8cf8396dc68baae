// The arithmetic operators of `Matrix` (their shared implementation: `DenseArray+Arithmetic.swift`).
// Operators between two matrices throw `LearnError.shapeMismatch` when the shapes do not broadcast
// (NumPy's rules); operators with a scalar cannot fail.
extension Matrix {
    /// `lhs + rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func + (lhs: Matrix, rhs: Matrix) throws -> Matrix { try combine(.add, lhs, rhs, "+") }
    /// `lhs + rhs` for every element.
    public static func + (lhs: Matrix, rhs: Scalar) -> Matrix { combine(.add, lhs, rhs) }
    /// `lhs + rhs` for every element.
    public static func + (lhs: Scalar, rhs: Matrix) -> Matrix { combine(.add, rhs, lhs, scalarOnLeft: true) }
    /// `lhs += rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func += (lhs: inout Matrix, rhs: Matrix) throws { try update(.add, &lhs, rhs, "+=") }
    /// `lhs += rhs` for every element, in place.
    public static func += (lhs: inout Matrix, rhs: Scalar) { update(.add, &lhs, rhs) }

    /// `lhs - rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func - (lhs: Matrix, rhs: Matrix) throws -> Matrix { try combine(.subtract, lhs, rhs, "-") }
    /// `lhs - rhs` for every element.
    public static func - (lhs: Matrix, rhs: Scalar) -> Matrix { combine(.subtract, lhs, rhs) }
    /// `lhs - rhs` for every element.
    public static func - (lhs: Scalar, rhs: Matrix) -> Matrix { combine(.subtract, rhs, lhs, scalarOnLeft: true) }
    /// `lhs -= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func -= (lhs: inout Matrix, rhs: Matrix) throws { try update(.subtract, &lhs, rhs, "-=") }
    /// `lhs -= rhs` for every element, in place.
    public static func -= (lhs: inout Matrix, rhs: Scalar) { update(.subtract, &lhs, rhs) }

    /// `lhs * rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix { try combine(.multiply, lhs, rhs, "*") }
    /// `lhs * rhs` for every element.
    public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { combine(.multiply, lhs, rhs) }
    /// `lhs * rhs` for every element.
    public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { combine(.multiply, rhs, lhs, scalarOnLeft: true) }
    /// `lhs *= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func *= (lhs: inout Matrix, rhs: Matrix) throws { try update(.multiply, &lhs, rhs, "*=") }
    /// `lhs *= rhs` for every element, in place.
    public static func *= (lhs: inout Matrix, rhs: Scalar) { update(.multiply, &lhs, rhs) }

    /// `lhs / rhs` elementwise, broadcasting size-1 axes as NumPy does.
    public static func / (lhs: Matrix, rhs: Matrix) throws -> Matrix { try combine(.divide, lhs, rhs, "/") }
    /// `lhs / rhs` for every element.
    public static func / (lhs: Matrix, rhs: Scalar) -> Matrix { combine(.divide, lhs, rhs) }
    /// `lhs / rhs` for every element.
    public static func / (lhs: Scalar, rhs: Matrix) -> Matrix { combine(.divide, rhs, lhs, scalarOnLeft: true) }
    /// `lhs /= rhs` in place; `rhs` must broadcast to `lhs`'s shape.
    public static func /= (lhs: inout Matrix, rhs: Matrix) throws { try update(.divide, &lhs, rhs, "/=") }
    /// `lhs /= rhs` for every element, in place.
    public static func /= (lhs: inout Matrix, rhs: Scalar) { update(.divide, &lhs, rhs) }

    /// The elementwise negation.
    public static prefix func - (operand: Matrix) -> Matrix { operand.applying(.negate) }
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
