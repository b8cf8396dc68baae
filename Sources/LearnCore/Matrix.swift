/// A dense 2-D array of `Float` or `Double` in row-major order, with value semantics.
///
/// `Matrix` is what the classical estimators take: `X` is `nSamples × nFeatures`. Its elements
/// share ``Tensor``'s copy-on-write storage (`Tensor(matrix)` and `Matrix(tensor)` do not copy).
///
/// ```swift
/// var X = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
/// X[1, 2] = 7
/// let gram = try matmul(X, X, transposeA: true)      // Xᵀ X, 3 × 3, through dgemm
/// let centred = try X - X.mean(axis: 0)              // row broadcast, as NumPy
/// ```
public struct Matrix<Scalar: LearnScalar>: DenseArray, DenseStorage {
    /// The number of rows.
    public private(set) var rows: Int
    /// The number of columns.
    public private(set) var columns: Int
    /// The elements in row-major order (`count == rows * columns`).
    public internal(set) var scalars: [Scalar]

    /// Wraps `scalars` (row-major) as a `rows × columns` matrix.
    /// - Throws: ``LearnError`` for negative sizes or a count that is not `rows * columns`.
    public init(rows: Int, columns: Int, scalars: [Scalar]) throws {
        let count = try Shape.elementCount([rows, columns], operation: "Matrix(rows:columns:scalars:)")
        guard count == scalars.count else {
            throw LearnError.shapeMismatch(
                operation: "Matrix(rows:columns:scalars:)", expected: "\(count) scalars for \(rows) × \(columns)",
                got: "\(scalars.count)")
        }
        self.init(uncheckedRows: rows, columns: columns, scalars: scalars)
    }

    /// Wraps `scalars` (row-major) as a matrix of `shape` `[rows, columns]` (``DenseArray``'s initialiser).
    /// - Throws: ``LearnError`` for a shape that is not two-dimensional, or as ``init(rows:columns:scalars:)``.
    public init(shape: [Int], scalars: [Scalar]) throws {
        guard shape.count == 2 else {
            throw LearnError.shapeMismatch(
                operation: "Matrix(shape:scalars:)", expected: "a two-dimensional shape", got: "\(shape)")
        }
        try self.init(rows: shape[0], columns: shape[1], scalars: scalars)
    }

    /// A `rows × columns` matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar) throws {
        let count = try Shape.elementCount([rows, columns], operation: "Matrix(rows:columns:repeating:)")
        self.init(uncheckedRows: rows, columns: columns, scalars: Elementwise.filledArray(count: count, value: value))
    }

    /// A matrix from its rows; every row must have the same length.
    public init(_ rowArrays: [[Scalar]]) throws {
        let columns = rowArrays.first?.count ?? 0
        if let bad = rowArrays.firstIndex(where: { $0.count != columns }) {
            throw LearnError.shapeMismatch(
                operation: "Matrix(_ rows:)", expected: "every row with \(columns) elements",
                got: "row \(bad) with \(rowArrays[bad].count)")
        }
        self.init(uncheckedRows: rowArrays.count, columns: columns, scalars: rowArrays.flatMap { $0 })
    }

    /// A `1 × n` matrix holding `row`.
    public init(row: [Scalar]) { self.init(uncheckedRows: 1, columns: row.count, scalars: row) }

    /// An `n × 1` matrix holding `column`.
    public init(column: [Scalar]) { self.init(uncheckedRows: column.count, columns: 1, scalars: column) }

    /// The matrix view of a rank-2 tensor (no copy).
    public init(_ tensor: Tensor<Scalar>) throws {
        guard tensor.rank == 2 else {
            throw LearnError.shapeMismatch(
                operation: "Matrix(_ tensor:)", expected: "a rank-2 tensor", got: "shape \(tensor.shape)")
        }
        self.init(uncheckedRows: tensor.shape[0], columns: tensor.shape[1], scalars: tensor.scalars)
    }

    /// `other` converted elementwise to this scalar type (`Matrix<Float>(xDouble)`).
    public init<Other: LearnScalar>(_ other: Matrix<Other>) {
        self.init(uncheckedRows: other.rows, columns: other.columns, scalars: other.scalars.map { Scalar($0) })
    }

    /// Builds a matrix whose sizes the caller has already validated.
    init(uncheckedRows rows: Int, columns: Int, scalars: [Scalar]) {
        self.rows = rows
        self.columns = columns
        self.scalars = scalars
    }

    /// A matrix of zeros.
    public static func zeros(_ rows: Int, _ columns: Int) throws -> Matrix {
        try Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// A matrix of ones.
    public static func ones(_ rows: Int, _ columns: Int) throws -> Matrix {
        try Matrix(rows: rows, columns: columns, repeating: 1)
    }

    /// A matrix whose elements `initializer` writes in place, row-major, into fresh zeroed storage
    /// (large buffers get huge-page advice, as NumPy's) — for filling big matrices without a copy.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for negative or overflowing sizes.
    public init(
        rows: Int, columns: Int, initializingWith initializer: (UnsafeMutableBufferPointer<Scalar>) throws -> Void
    ) throws {
        let count = try Shape.elementCount([rows, columns], operation: "Matrix(rows:columns:initializingWith:)")
        var failure: Error?
        let scalars: [Scalar] = Elementwise.makeArray(count: count) { base in
            let buffer = UnsafeMutableBufferPointer(start: base, count: count)
            // All-zero bytes are +0.0 in both Float and Double; a byte fill avoids the per-element
            // generic copy an unspecialised `initialize(repeating:)` would make.
            UnsafeMutableRawPointer(base).initializeMemory(
                as: UInt8.self, repeating: 0, count: count * MemoryLayout<Scalar>.stride)
            do { try initializer(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        self.init(uncheckedRows: rows, columns: columns, scalars: scalars)
    }

    /// A matrix with every element equal to `value` (NumPy's `full`).
    public static func full(_ rows: Int, _ columns: Int, value: Scalar) throws -> Matrix {
        try Matrix(rows: rows, columns: columns, repeating: value)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) throws -> Matrix {
        var result = try Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n { result.scalars[i * n + i] = 1 }
        return result
    }

    /// `[rows, columns]`.
    public var shape: [Int] { [rows, columns] }

    /// `true` when the matrix has no elements.
    public var isEmpty: Bool { scalars.isEmpty }

    /// The element in row `i`, column `j`.
    ///
    /// As with `Array`, an index out of range is a programming error and stops the program;
    /// indices that come from data go through the throwing accessors (``row(_:)``, ``rows(at:)``).
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(
                i >= 0 && i < rows && j >= 0 && j < columns,
                "Matrix index (\(i), \(j)) out of range for \(rows) × \(columns)")
            return scalars[i &* columns &+ j]
        }
        set {
            precondition(
                i >= 0 && i < rows && j >= 0 && j < columns,
                "Matrix index (\(i), \(j)) out of range for \(rows) × \(columns)")
            scalars[i &* columns &+ j] = newValue
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// The rows, for matrices up to 20 × 20; the sizes otherwise.
    public var description: String {
        guard rows <= 20 && columns <= 20 else { return "Matrix(\(rows) × \(columns))" }
        let lines = (0..<rows).map { i in
            scalars[(i * columns)..<((i + 1) * columns)].map { "\($0)" }.joined(separator: ", ")
        }
        return "[" + lines.map { "[\($0)]" }.joined(separator: ",\n ") + "]"
    }
}
