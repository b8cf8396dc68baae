// Reductions along an axis of `Tensor` (the rest is shared: `DenseArray+Math.swift`).
extension Tensor {
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
        let r = try Elementwise.reduce(
            .variance(ddof: ddof), scalars, shape, axis: axis, operation: "variance(axis:ddof:)")
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

    /// Indices of the first largest value along `axis`, in a tensor's shape without that axis.
    public func argmax(axis: Int) throws -> (shape: [Int], indices: [Int]) {
        try Elementwise.argReduce(.argmax, scalars, shape, axis: axis, operation: "argmax(axis:)")
    }

    /// Indices of the first smallest value along `axis`, in a tensor's shape without that axis.
    public func argmin(axis: Int) throws -> (shape: [Int], indices: [Int]) {
        try Elementwise.argReduce(.argmin, scalars, shape, axis: axis, operation: "argmin(axis:)")
    }
}
