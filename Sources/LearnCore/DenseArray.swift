/// What ``Matrix`` and ``Tensor`` share: a shape and its elements in row-major order. The elementwise
/// functions, whole-array reductions, softmax and the broadcasting arithmetic are written once, for both,
/// in extensions of this protocol (`DenseArray+Math.swift`, `DenseArray+Arithmetic.swift`); only what
/// differs — axis reductions (a matrix gives an array, a tensor a tensor) and a matrix's row operands —
/// is written per type.
///
/// ```swift
/// func meanProbability<A: DenseArray>(_ logits: A) throws -> A.Scalar {
///     try logits.sigmoid().mean()
/// }
/// let logits = try Tensor<Float>(shape: [2, 1, 2], scalars: [0, 0, 0, 0])
/// print(try meanProbability(Matrix<Double>([[0, 0], [0, 0]])), try meanProbability(logits))
/// ```
/// <!-- doctest: output -->
/// ```text
/// 0.5 0.5
/// ```
public protocol DenseArray: Sendable, Equatable {
    /// `Float` or `Double`.
    associatedtype Scalar: LearnScalar
    /// The extent of each axis, outermost first (`[rows, columns]` for a matrix).
    var shape: [Int] { get }
    /// The elements in row-major order.
    var scalars: [Scalar] { get }
    /// Wraps `scalars` (row-major) with `shape`.
    /// - Throws: `LearnError` for a negative dimension, a count that is not the shape's, or (for a
    ///   matrix) a shape that is not two-dimensional.
    init(shape: [Int], scalars: [Scalar]) throws
    /// Calls `body` with the elements' contiguous mutable buffer (copying first if it is shared).
    mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R)
        rethrows -> R
}

/// A ``DenseArray`` whose elements this module may write in place (``Matrix``, ``Tensor``): the mutable
/// buffer access both share.
protocol DenseStorage: DenseArray {
    var scalars: [Scalar] { get set }
}

extension DenseStorage {
    /// Calls `body` with the elements' contiguous mutable buffer (copying first if it is shared).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }
}

extension DenseArray {
    /// The number of elements.
    public var count: Int { scalars.count }

    /// Calls `body` with the elements' contiguous buffer.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// The same shape holding `newScalars`, which a kernel computed for this shape (so the count matches).
    func sameShape(_ newScalars: [Scalar]) -> Self {
        do {
            return try Self(shape: shape, scalars: newScalars)
        } catch {
            preconditionFailure("a kernel returned \(newScalars.count) elements for shape \(shape)")
        }
    }
}
