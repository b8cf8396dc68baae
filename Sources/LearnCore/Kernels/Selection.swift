// Selection of the k smallest values per row (nearest neighbours from a distance matrix).

extension LearnScalar {
    /// The indices of the `k` smallest values of each row of a row-major `rows × columns` block, into
    /// `out` (`rows × k`), smallest first; equal values keep their order (the lower index first) and NaN
    /// sorts after every number — the first `k` columns of NumPy's `argsort(kind="stable")`.
    ///
    /// Sizes are not checked here (see ``kSmallestIndices(_:k:)`` for the checked entry point); `k` must be
    /// at most `columns`. No memory is allocated: each row's selection is kept sorted in its `out` row.
    ///
    /// - Complexity: `O(columns · k)` per row at worst, about `O(columns + k² log columns)` on
    ///   random data, since most values lose to the current k-th smallest after one comparison.
    public static func kSmallestKernel(
        _ input: UnsafePointer<Self>, rows: Int, columns: Int, k: Int, into out: UnsafeMutablePointer<Int>
    ) {
        guard k > 0 else { return }
        for r in 0..<rows {
            let (row, chosen) = (input + r &* columns, out + r &* k)
            var filled = 0
            for j in 0..<columns {
                let value = row[j]
                // Full and not smaller than the current k-th: skip (ties keep the earlier index).
                if filled == k && !sortsBefore(value, row[chosen[k &- 1]]) { continue }
                var position = filled == k ? k &- 1 : filled
                while position > 0 && sortsBefore(value, row[chosen[position &- 1]]) {
                    chosen[position] = chosen[position &- 1]
                    position &-= 1
                }
                chosen[position] = j
                if filled < k { filled &+= 1 }
            }
        }
    }
}

/// `a` sorts strictly before `b`: a smaller number, or a number before NaN (NumPy's sort order).
@inline(__always)
private func sortsBefore<T: LearnScalar>(_ a: T, _ b: T) -> Bool {
    a < b || (b.isNaN && !a.isNaN)
}

/// The indices of the `k` smallest values in each row of `X`, smallest first, as the first `k` columns
/// of NumPy's `np.argsort(X, axis=1, kind="stable")`: ties go to the lower index, NaN comes last.
///
/// Applied to a distance matrix (``euclideanDistances(_:_:squared:)``) it gives each row's `k` nearest
/// neighbours, as scikit-learn's brute-force `kneighbors`.
///
/// ```swift
/// let D = try Matrix<Double>([[0.5, 0.1, 0.5, 0.3]])
/// try kSmallestIndices(D, k: 3)   // [[1, 3, 0]]: 0.5 ties between 0 and 2, the lower index wins
/// ```
///
/// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` unless `0 ≤ k ≤ X.columns`.
public func kSmallestIndices<S: LearnScalar>(_ X: Matrix<S>, k: Int) throws -> [[Int]] {
    guard k >= 0, k <= X.columns else {
        throw LearnError.invalidParameter(name: "k", expected: "a count in 0...\(X.columns) (the columns)", got: "\(k)")
    }
    let count = try Shape.product(X.rows, k, operation: "kSmallestIndices")
    var flat = [Int](repeating: 0, count: count)
    X.scalars.withUnsafeBufferPointer { x in
        flat.withUnsafeMutableBufferPointer { out in
            guard let input = x.baseAddress, let base = out.baseAddress else { return }
            S.kSmallestKernel(input, rows: X.rows, columns: X.columns, k: k, into: base)
        }
    }
    return (0..<X.rows).map { Array(flat[($0 * k)..<($0 * k + k)]) }
}
