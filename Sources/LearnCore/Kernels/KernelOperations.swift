/// A binary elementwise operation applied by ``LearnScalar/binaryKernel(_:lhs:lhsStride:rhs:rhsStride:out:count:)``.
public enum BinaryOperation: Sendable {
    /// `lhs + rhs`.
    case add
    /// `lhs - rhs`.
    case subtract
    /// `lhs * rhs`.
    case multiply
    /// `lhs / rhs` (IEEE semantics: division by zero gives ±infinity or NaN).
    case divide
    /// The larger of the two (NaN if either is NaN, as `numpy.maximum`).
    case maximum
    /// The smaller of the two (NaN if either is NaN, as `numpy.minimum`).
    case minimum
}

/// A unary elementwise function applied by ``LearnScalar/unaryKernel(_:input:out:count:)``.
public enum UnaryOperation<Scalar: LearnScalar>: Sendable {
    /// `-x`.
    case negate
    /// `e^x`.
    case exp
    /// Natural logarithm (`-inf` at 0, NaN below).
    case log
    /// `log(1 + x)`, accurate for small `x`.
    case log1p
    /// Hyperbolic tangent.
    case tanh
    /// The logistic function `1 / (1 + e^-x)`, evaluated without overflow for any `x`.
    case sigmoid
    /// `log(1 + e^x)`, evaluated without overflow for any `x`.
    case softplus
    /// `max(x, 0)`.
    case relu
    /// Square root.
    case sqrt
    /// Absolute value.
    case abs
    /// `x * x`.
    case square
    /// `x` limited to `lower...upper`.
    case clip(lower: Scalar, upper: Scalar)
}

/// A reduction along one axis, applied by ``LearnScalar/reductionKernel(_:input:outer:length:inner:out:)``.
public enum ReductionOperation: Sendable {
    /// Sum of the lane.
    case sum
    /// Largest value (NaN if the lane has a NaN).
    case max
    /// Smallest value (NaN if the lane has a NaN).
    case min
    /// Variance with `length - ddof` in the denominator, two-pass for accuracy.
    case variance(ddof: Int)
    /// `log(Σ e^x)`, shifted by the lane's maximum so it neither overflows nor underflows.
    case logSumExp
}

/// An index-valued reduction along one axis.
public enum ArgReductionOperation: Sendable {
    /// Index of the first maximum (of the first NaN, if any, as NumPy).
    case argmax
    /// Index of the first minimum (of the first NaN, if any, as NumPy).
    case argmin
}
