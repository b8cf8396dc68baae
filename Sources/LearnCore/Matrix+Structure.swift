// Rows, columns, slices, transposes and joins of a matrix.
extension Matrix {
    /// The transpose (`columns × rows`), copied in cache-sized tiles.
    public func transposed() -> Matrix {
        let (m, n) = (rows, columns)
        let result: [Scalar] = scalars.withUnsafeBufferPointer { source in
            Elementwise.makeArray(count: m * n) { out in
                guard let a = source.baseAddress else { return }
                let tile = 32
                for i0 in stride(from: 0, to: m, by: tile) {
                    for j0 in stride(from: 0, to: n, by: tile) {
                        for i in i0..<Swift.min(i0 + tile, m) {
                            for j in j0..<Swift.min(j0 + tile, n) { out[j &* m &+ i] = a[i &* n &+ j] }
                        }
                    }
                }
            }
        }
        return Matrix(uncheckedRows: n, columns: m, scalars: result)
    }

    /// Row `i` as an array.
    public func row(_ i: Int) throws -> [Scalar] {
        try checkRow(i, operation: "row(_:)")
        return Array(scalars[(i * columns)..<((i + 1) * columns)])
    }

    /// Column `j` as an array.
    public func column(_ j: Int) throws -> [Scalar] {
        guard j >= 0 && j < columns else {
            throw LearnError.invalidParameter(name: "column", expected: "an index in 0..<\(columns)", got: "\(j)")
        }
        return scalars.withUnsafeBufferPointer { a in
            Elementwise.makeArray(count: rows) { out in
                for i in 0..<rows { out[i] = a[i &* columns &+ j] }
            }
        }
    }

    /// The rows at `indices`, in that order (repeats allowed): NumPy's `X[indices]`.
    public func rows(at indices: [Int]) throws -> Matrix {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            throw LearnError.invalidParameter(name: "indices", expected: "row indices in 0..<\(rows)", got: "\(bad)")
        }
        return uncheckedRows(at: indices)
    }

    /// The rows at `indices`, which the caller has already checked to lie in `0..<rows`.
    func uncheckedRows(at indices: [Int]) -> Matrix {
        let n = columns
        let result: [Scalar] = scalars.withUnsafeBufferPointer { a in
            Elementwise.makeArray(count: indices.count * n) { out in
                guard let base = a.baseAddress else { return }
                for (k, i) in indices.enumerated() { (out + k &* n).update(from: base + i &* n, count: n) }
            }
        }
        return Matrix(uncheckedRows: indices.count, columns: n, scalars: result)
    }

    /// The rows in `range`: NumPy's `X[start:end]`.
    public func rows(in range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0 && range.upperBound <= rows else {
            throw LearnError.invalidParameter(
                name: "range", expected: "a row range within 0..<\(rows)", got: "\(range)")
        }
        return Matrix(
            uncheckedRows: range.count, columns: columns,
            scalars: Array(scalars[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The same elements as a `rows × columns` matrix; one of them may be `-1` (inferred).
    public func reshaped(rows newRows: Int, columns newColumns: Int) throws -> Matrix {
        try Matrix(Tensor(self).reshaped(to: [newRows, newColumns]))
    }

    /// Joins matrices along `axis` 0 (stacking rows, NumPy's `vstack`) or 1 (side by side, `hstack`).
    public static func concatenate(_ parts: [Matrix], axis: Int = 0) throws -> Matrix {
        guard let first = parts.first else { throw LearnError.emptyInput(operation: "Matrix.concatenate") }
        switch axis {
        case 0:
            if let bad = parts.first(where: { $0.columns != first.columns }) {
                throw LearnError.shapeMismatch(
                    operation: "Matrix.concatenate(axis: 0)", expected: "\(first.columns) columns in every part",
                    got: "\(bad.columns)")
            }
            return Matrix(
                uncheckedRows: parts.reduce(0) { $0 + $1.rows }, columns: first.columns,
                scalars: parts.flatMap(\.scalars))
        case 1:
            if let bad = parts.first(where: { $0.rows != first.rows }) {
                throw LearnError.shapeMismatch(
                    operation: "Matrix.concatenate(axis: 1)", expected: "\(first.rows) rows in every part",
                    got: "\(bad.rows)")
            }
            let total = parts.reduce(0) { $0 + $1.columns }
            var result = [Scalar]()
            result.reserveCapacity(first.rows * total)
            for i in 0..<first.rows {
                for part in parts {
                    result.append(contentsOf: part.scalars[(i * part.columns)..<((i + 1) * part.columns)])
                }
            }
            return Matrix(uncheckedRows: first.rows, columns: total, scalars: result)
        default:
            throw LearnError.invalidParameter(name: "axis", expected: "0 or 1", got: "\(axis)")
        }
    }

    private func checkRow(_ i: Int, operation: String) throws {
        guard i >= 0 && i < rows else {
            throw LearnError.invalidParameter(name: "row", expected: "an index in 0..<\(rows)", got: "\(i)")
        }
    }
}
