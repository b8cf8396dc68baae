// Elementwise functions and reductions of `Tensor`.
extension Tensor {
    /// Applies a unary kernel to every element.
    public func applying(_ operation: UnaryOperation<Scalar>) -> Tensor {
        var result = self
        result.scalars = Elementwise.unary(operation, scalars)
        return result
    }

    /// `e^x` of every element.
    public func exp() -> Tensor { applying(.exp) }

    /// The natural logarithm of every element.
    public func log() -> Tensor { applying(.log) }

    /// `log(1 + x)`, accurate near 0 of every element.
    public func log1p() -> Tensor { applying(.log1p) }

    /// The hyperbolic tangent of every element.
    public func tanh() -> Tensor { applying(.tanh) }

    /// The logistic function, without overflow of every element.
    public func sigmoid() -> Tensor { applying(.sigmoid) }

    /// `max(x, 0)` of every element.
    public func relu() -> Tensor { applying(.relu) }

    /// The square root of every element.
    public func sqrt() -> Tensor { applying(.sqrt) }

    /// The absolute value of every element.
    public func abs() -> Tensor { applying(.abs) }

    /// `x * x` of every element.
    public func squared() -> Tensor { applying(.square) }

    /// Every element limited to `lower...upper` (NumPy's `clip`).
    public func clipped(lower: Scalar, upper: Scalar) throws -> Tensor {
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
    public func logSumExp() throws -> Scalar { try Elementwise.reduceAll(.logSumExp, scalars, operation: "logSumExp()") }

    /// Sums along `axis` (negative counts from the end).
    public func sum(axis: Int) throws -> Tensor {
        let r = try Elementwise.reduce(.sum, scalars, shape, axis: axis, operation: "sum(axis:)")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// Means along `axis`.
    public func mean(axis: Int) throws -> Tensor {
        let (_, length, _, _) = try Shape.split(shape, axis: axis, operation: "mean(axis:)")
        guard length > 0 else { throw LearnError.emptyInput(operation: "mean(axis:)") }
        return try sum(axis: axis) / Scalar(length)
    }

    /// Variances along `axis` with `length - ddof` in the denominator.
    public func variance(axis: Int, ddof: Int = 0) throws -> Tensor {
        let r = try Elementwise.reduce(.variance(ddof: ddof), scalars, shape, axis: axis, operation: "variance(axis:ddof:)")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// Standard deviations along `axis`.
    public func standardDeviation(axis: Int, ddof: Int = 0) throws -> Tensor {
        try variance(axis: axis, ddof: ddof).sqrt()
    }

    /// Largest values along `axis`.
    public func max(axis: Int) throws -> Tensor {
        let r = try Elementwise.reduce(.max, scalars, shape, axis: axis, operation: "max(axis:)")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// Smallest values along `axis`.
    public func min(axis: Int) throws -> Tensor {
        let r = try Elementwise.reduce(.min, scalars, shape, axis: axis, operation: "min(axis:)")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// `log(Σ e^x)` along `axis`, without overflow.
    public func logSumExp(axis: Int) throws -> Tensor {
        let r = try Elementwise.reduce(.logSumExp, scalars, shape, axis: axis, operation: "logSumExp(axis:)")
        return Tensor(uncheckedShape: r.shape, scalars: r.scalars)
    }

    /// Softmax along `axis`: `e^(x - max) / Σ e^(x - max)`.
    public func softmax(axis: Int = -1) throws -> Tensor {
        var result = self
        result.scalars = try Elementwise.softmax(scalars, shape, axis: axis, logarithm: false, operation: "softmax(axis:)")
        return result
    }

    /// Log-softmax along `axis`: `x - logSumExp(x)`, accurate where softmax underflows.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        var result = self
        result.scalars = try Elementwise.softmax(scalars, shape, axis: axis, logarithm: true, operation: "logSoftmax(axis:)")
        return result
    }

    /// Indices of the first largest value along `axis`, in a tensor's shape without that axis.
    public func argmax(axis: Int) throws -> (shape: [Int], indices: [Int]) {
        try Elementwise.argReduce(.argmax, scalars, shape, axis: axis, operation: "argmax(axis:)")
    }

    /// Indices of the first smallest value along `axis`, in a tensor's shape without that axis.
    public func argmin(axis: Int) throws -> (shape: [Int], indices: [Int]) {
        try Elementwise.argReduce(.argmin, scalars, shape, axis: axis, operation: "argmin(axis:)")
    }
}
