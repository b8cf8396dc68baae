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
/// The fused kernels run where the CPU has AVX2 + FMA (chosen at run time; ``usesVectorUnits``).
/// Elsewhere (older x86, ARM) the same calls go to BLAS `dgemv` per block — larger blocks, two
/// reads of each block from L2 — because OpenBLAS's own vector kernels beat portable C there.
public enum RowBlockKernels {
    /// Whether this CPU runs the fused AVX2 + FMA kernels (otherwise the calls go through BLAS).
    public static let usesVectorUnits = learn_kernels_have_avx2_fma()

    /// Rows per block for `columns` features, a multiple of 4 (at least 4). Fused kernels: about
    /// 8 KiB of `Double`s, at most 512 rows — the block and the next one (being prefetched) stay in
    /// the L1 data cache (measured on the 100- and 50-feature logistic fits: 4–12 KiB alike, 24 KiB
    /// ~5% slower). BLAS: about 256 KiB, at most 8192 rows, so the block stays in L2 between its two
    /// products and the per-call overhead stays small.
    public static func blockRows(columns: Int) -> Int { blockRows(columns: columns, fused: usesVectorUnits) }

    /// ``blockRows(columns:)`` for the fused kernels (`fused`) or the BLAS route.
    public static func blockRows(columns: Int, fused: Bool) -> Int {
        let (bytes, limit) = fused ? (8_192, 512) : (262_144, 8_192)
        let rows = bytes / (MemoryLayout<Double>.stride * Swift.max(1, columns))
        return Swift.max(4, Swift.min(limit, rows / 4 * 4))
    }

    /// `z[i · classes + c] = Σⱼ x[i · columns + j] · w[c · weightStride + j]` for `i < rows`,
    /// `c < classes`: the products of a contiguous `rows × columns` block with each of `classes`
    /// weight rows (`weightStride` apart), into `rows × classes` outputs. `next` names values the
    /// caller reads next; they are requested into cache during this call (prefetching never faults,
    /// so any range is safe). `fused` picks the route: the fused kernels (portable C on CPUs without
    /// AVX2 + FMA) or BLAS, whatever this CPU has; tests and benchmarks that compare the routes set it,
    /// everyone else takes ``usesVectorUnits``.
    public static func products(
        _ x: UnsafePointer<Double>, rows: Int, columns: Int, weights w: UnsafePointer<Double>, classes: Int,
        weightStride: Int, into z: UnsafeMutablePointer<Double>, prefetching next: UnsafeBufferPointer<Double>? = nil,
        fused: Bool = usesVectorUnits
    ) {
        guard !fused, let (m, n, k) = blasSizes(rows, columns, classes) else {
            learn_row_products(x, rows, columns, w, classes, weightStride, z, next?.baseAddress, next?.count ?? 0)
            return
        }
        for c in 0..<classes {
            Double.gemv(
                transpose: false, m: m, n: n, alpha: 1, a: x, lda: n, x: w + c &* weightStride, incx: 1, beta: 0,
                y: z + c, incy: k)
        }
    }

    /// `g[c · gradientStride + j] += Σᵢ z[i · classes + c] · x[i · columns + j]`: adds the block's
    /// transposed product with `z` (`rows × classes`) to `classes` gradient rows; `next` is
    /// prefetched, and the route chosen by `fused`, as for the products.
    public static func accumulateProducts(
        _ x: UnsafePointer<Double>, rows: Int, columns: Int, coefficients z: UnsafePointer<Double>, classes: Int,
        into g: UnsafeMutablePointer<Double>, gradientStride: Int, prefetching next: UnsafeBufferPointer<Double>? = nil,
        fused: Bool = usesVectorUnits
    ) {
        guard !fused, let (m, n, k) = blasSizes(rows, columns, classes) else {
            learn_accumulate_rows(x, rows, columns, z, classes, g, gradientStride, next?.baseAddress, next?.count ?? 0)
            return
        }
        for c in 0..<classes {
            Double.gemv(
                transpose: true, m: m, n: n, alpha: 1, a: x, lda: n, x: z + c, incx: k, beta: 1,
                y: g + c &* gradientStride, incy: 1)
        }
    }

    /// BLAS' sizes for a block, or `nil` when BLAS cannot take it (an empty block, or a size beyond
    /// 32 bits) and the C kernels do the work.
    private static func blasSizes(_ rows: Int, _ columns: Int, _ classes: Int) -> (Int32, Int32, Int32)? {
        guard rows > 0, columns > 0, let m = Int32(exactly: rows), let n = Int32(exactly: columns),
            let k = Int32(exactly: classes)
        else { return nil }
        return (m, n, k)
    }

    /// The next block cut in two: the first half for the products to prefetch, the rest for the
    /// accumulation (so both phases keep memory busy).
    public static func splitForPrefetch(_ next: UnsafeBufferPointer<Double>?) -> (
        UnsafeBufferPointer<Double>?, UnsafeBufferPointer<Double>?
    ) {
        guard let next, let base = next.baseAddress else { return (nil, nil) }
        let half = next.count / 2
        return (
            UnsafeBufferPointer(start: base, count: half),
            UnsafeBufferPointer(start: base + half, count: next.count - half)
        )
    }

    /// `y[i] = eˣ⁽ⁱ⁾` for `i < count` (`y` may be `x`), vectorised: within 1 ulp of the C library's
    /// `exp` in the normal range, 0 below −745.2, +∞ above 709.8, NaN kept.
    public static func exp(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count: Int) {
        learn_exp(x, y, count)
    }
}
