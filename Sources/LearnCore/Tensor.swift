/// An n-dimensional, contiguous, row-major array of `Float` or `Double` with value semantics.
///
/// `Tensor` is SwiftLearn's storage type. Its elements live in one Swift array, so copies are
/// cheap and copy-on-write: a copy shares the buffer until one side mutates it. ``Matrix`` is the
/// 2-D type the classical estimators take; converting between the two shares the same buffer.
///
/// ```swift
/// let images = try Tensor<Float>(shape: [64, 32, 32, 3], repeating: 0)   // NHWC
/// let flat = try images.reshaped(to: [64, -1])                           // 64 × 3072
/// ```
public struct Tensor<Scalar: LearnScalar>: DenseArray, DenseStorage {
    /// The extent of each axis, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order (`count == shape.reduce(1, *)`).
    public internal(set) var scalars: [Scalar]

    /// Wraps `scalars` (row-major) with `shape`.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for a negative dimension,
    ///   ``LearnError/shapeMismatch(operation:expected:got:)`` when the counts differ.
    public init(shape: [Int], scalars: [Scalar]) throws {
        let count = try Shape.elementCount(shape, operation: "Tensor(shape:scalars:)")
        guard count == scalars.count else {
            throw LearnError.shapeMismatch(
                operation: "Tensor(shape:scalars:)", expected: "\(count) scalars for shape \(shape)",
                got: "\(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(shape: [Int], repeating value: Scalar) throws {
        let count = try Shape.elementCount(shape, operation: "Tensor(shape:repeating:)")
        self.init(uncheckedShape: shape, scalars: Elementwise.filledArray(count: count, value: value))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor { try Tensor(shape: shape, repeating: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) throws -> Tensor { try Tensor(shape: shape, repeating: 1) }

    /// A tensor with every element equal to `value` (NumPy's `full`).
    public static func full(_ shape: [Int], value: Scalar) throws -> Tensor {
        try Tensor(shape: shape, repeating: value)
    }

    /// The same elements as `matrix`, with shape `[rows, columns]` (no copy).
    public init(_ matrix: Matrix<Scalar>) {
        self.init(uncheckedShape: [matrix.rows, matrix.columns], scalars: matrix.scalars)
    }

    /// `other` converted elementwise to this scalar type (e.g. `Tensor<Float>(doubleTensor)`).
    public init<Other: LearnScalar>(_ other: Tensor<Other>) {
        self.init(uncheckedShape: other.shape, scalars: other.scalars.map { Scalar($0) })
    }

    /// Builds a tensor whose shape the caller has already validated.
    init(uncheckedShape shape: [Int], scalars: [Scalar]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The element at `indices` (one per axis).
    ///
    /// Like `Array`'s subscript, an index out of range is a programming error and stops the
    /// program; use ``element(at:)`` for indices that come from data.
    public subscript(indices: Int...) -> Scalar {
        get { scalars[uncheckedOffset(indices)] }
        set { scalars[uncheckedOffset(indices)] = newValue }
    }

    /// The element at `indices`, or a ``LearnError`` when they do not address an element.
    public func element(at indices: [Int]) throws -> Scalar {
        guard indices.count == shape.count, zip(indices, shape).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
            throw LearnError.invalidParameter(
                name: "indices", expected: "one index per axis within shape \(shape)", got: "\(indices)")
        }
        return scalars[uncheckedOffset(indices)]
    }

    private func uncheckedOffset(_ indices: [Int]) -> Int {
        precondition(
            indices.count == shape.count, "Tensor subscript needs \(shape.count) indices, got \(indices.count)")
        var offset = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "Tensor index \(indices) out of range for shape \(shape)")
            offset = offset * extent + index
        }
        return offset
    }

    /// The same elements with a new shape of equal element count; one dimension may be `-1`
    /// (inferred), as in NumPy.
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        if inferred.count > 1 {
            throw LearnError.invalidParameter(name: "shape", expected: "at most one -1 dimension", got: "\(newShape)")
        }
        if let axis = inferred.first {
            resolved[axis] = 1
            let known = try Shape.elementCount(resolved, operation: "reshaped(to:)")
            guard known > 0, count % known == 0 else {
                throw LearnError.shapeMismatch(
                    operation: "reshaped(to:)", expected: "a shape with \(count) elements", got: "\(newShape)")
            }
            resolved[axis] = count / known
        }
        let newCount = try Shape.elementCount(resolved, operation: "reshaped(to:)")
        guard newCount == count else {
            throw LearnError.shapeMismatch(
                operation: "reshaped(to:)", expected: "a shape with \(count) elements (from \(shape))",
                got: "\(newShape) with \(newCount)")
        }
        return Tensor(uncheckedShape: resolved, scalars: scalars)
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and, for small tensors, the elements.
    public var description: String {
        count <= 64 ? "Tensor\(shape)(\(scalars))" : "Tensor\(shape)(\(count) elements)"
    }
}
