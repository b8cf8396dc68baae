/// Checked size arithmetic: the one place where a shape, a count or a size that comes from outside
/// (a file, a JSON config, the command line, a public argument) becomes a number of elements.
///
/// Swift traps on overflow, so `shape.reduce(1, *)` on a shape from a file is a crash waiting for the
/// right file. Everything here throws ``LearnError`` instead, and the `limits:` variants also refuse
/// sizes that would not fit in memory (see ``ResourceLimits``).
///
/// ```swift
/// let count = try Shape.elementCount([60_000, 28, 28], operation: "Conv2D")
/// let padded = try Shape.sum(28, 2 * 1, operation: "ZeroPadding2D")
/// print(count, padded)
/// do {
///     try Shape.checkArray([1 << 40, 1 << 30], scalarSize: 4, operation: "Dense")
/// } catch {
///     print(error)
/// }
/// ```
/// <!-- doctest: output -->
/// ```text
/// 47040000 30
/// invalid parameter shape: expected an element count that fits in Int, got [1099511627776, 1073741824] in Dense
/// ```
public enum Shape {
    /// The number of elements of `shape`, after checking every dimension is non-negative and the
    /// product fits in `Int`.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` naming `operation`.
    public static func elementCount(_ shape: [Int], operation: String) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw LearnError.invalidParameter(
                    name: "shape", expected: "non-negative dimensions", got: "\(shape) in \(operation)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw LearnError.invalidParameter(
                    name: "shape", expected: "an element count that fits in Int", got: "\(shape) in \(operation)")
            }
            count = product
        }
        return count
    }

    /// The element count of an array of `shape` holding `scalarSize`-byte values, checked against
    /// `limits` (the per-array byte limit). Every dimension must also be at most the limit itself, so a
    /// zero-sized shape with a huge dimension (`[0, 1 << 62]`) is refused too, and the count must fit BLAS'
    /// 32-bit sizes.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for negative or overflowing shapes,
    ///   ``LearnError/resourceLimit(operation:needed:limit:)`` beyond the limit.
    @discardableResult
    public static func checkArray(
        _ shape: [Int], scalarSize: Int, operation: String, limits: ResourceLimits = .standard
    ) throws -> Int {
        let count = try elementCount(shape, operation: operation)
        if let huge = shape.first(where: { $0 > limits.maxArrayBytes }) {
            throw limits.exceeded(operation, needed: "a dimension of \(huge) in shape \(shape)")
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: Swift.max(scalarSize, 1))
        guard !overflow, bytes <= limits.maxArrayBytes else {
            throw limits.exceeded(
                operation,
                needed: overflow ? "more than Int.max bytes for shape \(shape)" : "\(bytes) bytes for shape \(shape)")
        }
        // BLAS takes 32-bit sizes: within a raised byte limit, an array must still stay within them.
        guard count <= Int(Int32.max) else {
            throw LearnError.invalidParameter(
                name: "shape", expected: "at most \(Int32.max) elements (BLAS' 32-bit sizes)",
                got: "\(shape) in \(operation)")
        }
        return count
    }

    /// `a + b`, or an error naming `operation` when it overflows.
    public static func sum(_ a: Int, _ b: Int, operation: String) throws -> Int {
        let (value, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw overflowError(operation, "\(a) + \(b)") }
        return value
    }

    /// `a - b`, or an error naming `operation` when it overflows.
    public static func difference(_ a: Int, _ b: Int, operation: String) throws -> Int {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        guard !overflow else { throw overflowError(operation, "\(a) - \(b)") }
        return value
    }

    /// `a * b`, or an error naming `operation` when it overflows.
    public static func product(_ a: Int, _ b: Int, operation: String) throws -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw overflowError(operation, "\(a) × \(b)") }
        return value
    }

    /// The sum of `values`, checked for overflow.
    public static func total(_ values: [Int], operation: String) throws -> Int {
        try values.reduce(0) { try sum($0, $1, operation: operation) }
    }

    /// An `Int` from a `Double` that must be a whole number in `range` (`Int(x)` traps on NaN, infinity and
    /// values beyond `Int`'s range).
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` naming `name`.
    public static func integer(_ value: Double, in range: ClosedRange<Int>, name: String) throws -> Int {
        guard value.isFinite, value.rounded() == value, value >= Double(range.lowerBound),
            value <= Double(range.upperBound),
            let exact = Int(exactly: value), range.contains(exact)
        else {
            throw LearnError.invalidParameter(
                name: name, expected: "a whole number in \(range.lowerBound)...\(range.upperBound)", got: "\(value)")
        }
        return exact
    }

    private static func overflowError(_ operation: String, _ expression: String) -> LearnError {
        LearnError.invalidParameter(
            name: "size", expected: "sizes whose arithmetic fits in Int", got: "\(expression) in \(operation)")
    }
}
