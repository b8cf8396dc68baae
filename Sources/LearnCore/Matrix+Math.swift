// Reductions along an axis of `Matrix` (the rest is shared: `DenseArray+Math.swift`).
extension Matrix {
    /// Sums along `axis` (negative counts from the end).
    public func sum(axis: Int) throws -> [Scalar] {
        try Elementwise.reduce(.sum, scalars, shape, axis: axis, operation: "sum(axis:)").scalars
    }

    /// Means along `axis`.
    public func mean(axis: Int) throws -> [Scalar] {
        let (_, length, _, _) = try Shape.split(shape, axis: axis, operation: "mean(axis:)")
        guard length > 0 else { throw LearnError.emptyInput(operation: "mean(axis:)") }
        return try sum(axis: axis).map { $0 / Scalar(length) }
    }

    /// Variances along `axis` with `length - ddof` in the denominator.
    public func variance(axis: Int, ddof: Int = 0) throws -> [Scalar] {
        try Elementwise.reduce(.variance(ddof: ddof), scalars, shape, axis: axis, operation: "variance(axis:ddof:)")
            .scalars
    }

    /// Standard deviations along `axis`.
    public func standardDeviation(axis: Int, ddof: Int = 0) throws -> [Scalar] {
        try variance(axis: axis, ddof: ddof).map { $0.squareRoot() }
    }

    /// Largest values along `axis`.
    public func max(axis: Int) throws -> [Scalar] {
        try Elementwise.reduce(.max, scalars, shape, axis: axis, operation: "max(axis:)").scalars
    }

    /// Smallest values along `axis`.
    public func min(axis: Int) throws -> [Scalar] {
        try Elementwise.reduce(.min, scalars, shape, axis: axis, operation: "min(axis:)").scalars
    }

    /// `log(Σ e^x)` along `axis`, without overflow.
    public func logSumExp(axis: Int) throws -> [Scalar] {
        try Elementwise.reduce(.logSumExp, scalars, shape, axis: axis, operation: "logSumExp(axis:)").scalars
    }

    /// Indices of the first largest value along `axis` (0: per column, 1: per row).
    public func argmax(axis: Int) throws -> [Int] {
        try Elementwise.argReduce(.argmax, scalars, shape, axis: axis, operation: "argmax(axis:)").indices
    }

    /// Indices of the first smallest value along `axis` (0: per column, 1: per row).
    public func argmin(axis: Int) throws -> [Int] {
        try Elementwise.argReduce(.argmin, scalars, shape, axis: axis, operation: "argmin(axis:)").indices
    }
}
