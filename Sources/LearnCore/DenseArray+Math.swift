// Elementwise functions, whole-array reductions and softmax of `Matrix` and `Tensor`.
extension DenseArray {
    /// Applies a unary kernel to every element.
    public func applying(_ operation: UnaryOperation<Scalar>) -> Self {
        sameShape(Elementwise.unary(operation, scalars))
    }

    /// `e^x` of every element.
    public func exp() -> Self { applying(.exp) }

    /// The natural logarithm of every element.
    public func log() -> Self { applying(.log) }

    /// `log(1 + x)`, accurate near 0 of every element.
    public func log1p() -> Self { applying(.log1p) }

    /// The hyperbolic tangent of every element.
    public func tanh() -> Self { applying(.tanh) }

    /// The logistic function, without overflow of every element.
    public func sigmoid() -> Self { applying(.sigmoid) }

    /// `max(x, 0)` of every element.
    public func relu() -> Self { applying(.relu) }

    /// The square root of every element.
    public func sqrt() -> Self { applying(.sqrt) }

    /// The absolute value of every element.
    public func abs() -> Self { applying(.abs) }

    /// `x * x` of every element.
    public func squared() -> Self { applying(.square) }

    /// Every element limited to `lower...upper` (NumPy's `clip`).
    public func clipped(lower: Scalar, upper: Scalar) throws -> Self {
        guard lower <= upper else {
            throw LearnError.invalidParameter(name: "lower", expected: "lower <= upper (\(upper))", got: "\(lower)")
        }
        return applying(.clip(lower: lower, upper: upper))
    }

    /// The sum of all elements (0 for an empty array).
    public func sum() -> Scalar {
        (try? Elementwise.reduceAll(.sum, scalars, operation: "sum()")) ?? 0
    }

    /// The mean of all elements.
    public func mean() throws -> Scalar {
        guard count > 0 else { throw LearnError.emptyInput(operation: "mean()") }
        return sum() / Scalar(count)
    }

    /// The variance of all elements with `count - ddof` in the denominator (NumPy's `var`).
    public func variance(ddof: Int = 0) throws -> Scalar {
        try Elementwise.reduceAll(.variance(ddof: ddof), scalars, operation: "variance(ddof:)")
    }

    /// The standard deviation of all elements (NumPy's `std`).
    public func standardDeviation(ddof: Int = 0) throws -> Scalar {
        try variance(ddof: ddof).squareRoot()
    }

    /// The largest element (NaN if any element is NaN).
    public func max() throws -> Scalar { try Elementwise.reduceAll(.max, scalars, operation: "max()") }

    /// The smallest element (NaN if any element is NaN).
    public func min() throws -> Scalar { try Elementwise.reduceAll(.min, scalars, operation: "min()") }

    /// The row-major (flat) index of the first largest element.
    public func argmax() throws -> Int {
        try Elementwise.argReduce(.argmax, scalars, [count], axis: 0, operation: "argmax()").indices[0]
    }

    /// The row-major (flat) index of the first smallest element.
    public func argmin() throws -> Int {
        try Elementwise.argReduce(.argmin, scalars, [count], axis: 0, operation: "argmin()").indices[0]
    }

    /// `log(Σ e^x)` over all elements, without overflow.
    public func logSumExp() throws -> Scalar {
        try Elementwise.reduceAll(.logSumExp, scalars, operation: "logSumExp()")
    }

    /// Softmax along `axis`: `e^(x - max) / Σ e^(x - max)`.
    public func softmax(axis: Int = -1) throws -> Self {
        sameShape(try Elementwise.softmax(scalars, shape, axis: axis, logarithm: false, operation: "softmax(axis:)"))
    }

    /// Log-softmax along `axis`: `x - logSumExp(x)`, accurate where softmax underflows.
    public func logSoftmax(axis: Int = -1) throws -> Self {
        sameShape(try Elementwise.softmax(scalars, shape, axis: axis, logarithm: true, operation: "logSoftmax(axis:)"))
    }
}
