import CLearnKernels

/// Fused kernels over a block of rows, for objectives that need `X w` and `Xᵀ r` in one pass.
///
/// BLAS computes the two products of a gradient — the logits `X W ᵀ` and the gradient `Rᵀ X` —
/// in separate calls, each streaming `X` from memory. A caller that walks `X` in blocks small
/// enough for the L1 cache (``blockRows(columns:)``) can compute a block's products, turn them
/// into residuals, and accumulate the block's gradient before the next block arrives, so `X` is
/// read from memory once per evaluation. Both kernels also request a share of the next block's
/// cache lines while they compute (``splitForPrefetch(_:)``), so memory keeps streaming through the
/// compute between blocks.
/// The kernels run AVX2 + FMA code where the CPU has it (chosen at run time) and portable C
/// otherwise; ``usesVectorUnits`` says which.
public enum RowBlockKernels {
    /// Whether the kernels run their AVX2 + FMA bodies on this CPU.
    public static var usesVectorUnits: Bool { learn_kernels_have_avx2_fma() }

    /// Rows per block for `columns` features: about 8 KiB of `Double`s, a multiple of 4 between 4
    /// and 512. The block and the next one (being prefetched) stay in the L1 data cache (measured
    /// on the 100- and 50-feature logistic fits: 4–12 KiB alike, 24 KiB ~5% slower).
    public static func blockRows(columns: Int) -> Int {
        let rows = 8_192 / (MemoryLayout<Double>.stride * Swift.max(1, columns))
        return Swift.max(4, Swift.min(512, rows / 4 * 4))
    }

    /// `z[i · classes + c] = Σⱼ x[i · columns + j] · w[c · weightStride + j]` for `i < rows`,
    /// `c < classes`: the block's products with each of `classes` weight rows.
    ///
    /// - Parameters:
    ///   - x: `rows × columns`, contiguous.
    ///   - w: `classes` rows of at least `columns` weights, `weightStride` apart.
    ///   - z: `rows × classes` outputs.
    ///   - next: values the caller reads next, requested into cache during this call (prefetching
    ///     never faults, so any range is safe).
    public static func products(
        _ x: UnsafePointer<Double>, rows: Int, columns: Int, weights w: UnsafePointer<Double>, classes: Int,
        weightStride: Int, into z: UnsafeMutablePointer<Double>, prefetching next: UnsafeBufferPointer<Double>? = nil
    ) {
        learn_row_products(x, rows, columns, w, classes, weightStride, z, next?.baseAddress, next?.count ?? 0)
    }

    /// `g[c · gradientStride + j] += Σᵢ z[i · classes + c] · x[i · columns + j]`: adds the block's
    /// transposed product with `z` (`rows × classes`) to `classes` gradient rows; `next` as in
    /// ``products(_:rows:columns:weights:classes:weightStride:into:prefetching:)``.
    public static func accumulateProducts(
        _ x: UnsafePointer<Double>, rows: Int, columns: Int, coefficients z: UnsafePointer<Double>, classes: Int,
        into g: UnsafeMutablePointer<Double>, gradientStride: Int, prefetching next: UnsafeBufferPointer<Double>? = nil
    ) {
        learn_accumulate_rows(x, rows, columns, z, classes, g, gradientStride, next?.baseAddress, next?.count ?? 0)
    }

    /// The next block cut in two: the first half for the products to prefetch, the rest for the
    /// accumulation (so both phases keep memory busy).
    public static func splitForPrefetch(_ next: UnsafeBufferPointer<Double>?) -> (UnsafeBufferPointer<Double>?, UnsafeBufferPointer<Double>?) {
        guard let next, let base = next.baseAddress else { return (nil, nil) }
        let half = next.count / 2
        return (UnsafeBufferPointer(start: base, count: half), UnsafeBufferPointer(start: base + half, count: next.count - half))
    }

    /// `y[i] = eˣ⁽ⁱ⁾` for `i < count` (`y` may be `x`), vectorised: within 1 ulp of the C library's
    /// `exp` in the normal range, 0 below −745.2, +∞ above 709.8, NaN kept.
    public static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        learn_exp(x, y, count)
    }
}
