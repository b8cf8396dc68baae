import RealModule

// `@inlinable`, like the elementwise and softmax kernels they sit beside: called from another module, a
// generic kernel that is not inlinable runs unspecialised, one witness-table call per element. Measured
// with `bench speed --quick` (one core): relu, softmax and the bias sums unspecialised made the seed CNN's
// prediction 7.4x and its training epoch 3.4x slower, the MLP epoch 1.6x.
//
// Kernels the layers and estimators share on raw buffers: the logistic function for one value,
// column sums and means of a row-major block (bias gradients, batch statistics, global pooling) and
// the fused penalty pass of L1/L2 regularisation. Sizes come from a checked layout (a network's
// workspace, a validated matrix), so these do not check them; the throwing entry points in
// `CoreKernels.swift` check theirs.

extension LearnScalar {
    /// The logistic function `1 / (1 + e^−x)` of one value, without overflow for any `x`.
    ///
    /// `e^−x` overflows for very negative `x`, so that side is computed as `e^x / (1 + e^x)`; the same
    /// function backs ``UnaryOperation/sigmoid``.
    ///
    /// ```swift
    /// Double.sigmoid(0)       // 0.5
    /// Float.sigmoid(-200)     // 1.4e-87 underflows to 0, never NaN
    /// ```
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Self) -> Self { stableSigmoid(x) }

    /// `log Σ e^x` over `count` contiguous values (`count ≥ 1`), shifted by their maximum so it neither
    /// overflows nor underflows — one lane of ``ReductionOperation/logSumExp``.
    ///
    /// <!-- doctest: given let (logits, classes): ([Float], Int) = ([0, 0], 2) -->
    /// ```swift
    /// let logSum = Float.logSumExp(logits, count: classes)   // log-softmax: logits[j] − logSum
    /// ```
    @inlinable
    public static func logSumExp(_ values: UnsafePointer<Self>, count: Int) -> Self {
        var result = Self.zero
        logSumExpLanes(values, 1, count, 1, &result)
        return result
    }

    /// Sums the `rows` rows of a row-major `rows × columns` block into `out` (`columns` values), row by
    /// row in order: `out[j] (+)= Σᵢ input[i · columns + j]`.
    ///
    /// With `accumulate` the sums are added to what `out` holds (a bias gradient adding into the
    /// network's gradient buffer); otherwise `out` is overwritten. The rows are added one after the other,
    /// each as one contiguous, vectorised pass over `out`, so the result is the same as a plain loop's.
    ///
    /// <!-- doctest: given let (batch, units) = (2, 3) -->
    /// <!-- doctest: given let outputGradient: [Float] = [1, 2, 3, 4, 5, 6] -->
    /// <!-- doctest: given let biasGradient = UnsafeMutablePointer<Float>.allocate(capacity: 3) -->
    /// <!-- doctest: given biasGradient.initialize(repeating: 0, count: 3) -->
    /// <!-- doctest: given defer { biasGradient.deallocate() } -->
    /// ```swift
    /// // bias gradient of a Dense layer: the column sums of ∂L/∂output (batch × units)
    /// Float.columnSums(outputGradient, rows: batch, columns: units, into: biasGradient, accumulate: true)
    /// print((0..<units).map { biasGradient[$0] })
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// [5.0, 7.0, 9.0]
    /// ```
    @inlinable
    public static func columnSums(
        _ input: UnsafePointer<Self>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Self>,
        accumulate: Bool = false
    ) {
        if !accumulate { out.update(repeating: 0, count: columns) }
        for i in 0..<rows {
            let row = input + i &* columns
            for j in 0..<columns { out[j] += row[j] }
        }
    }

    /// The column means of a row-major `rows × columns` block into `out`: ``columnSums(_:rows:columns:into:accumulate:)``
    /// divided by `rows` (NaN for `rows == 0`, as NumPy's `mean(axis=0)` of an empty axis).
    ///
    /// <!-- doctest: given let (height, width, channels) = (2, 2, 1) -->
    /// <!-- doctest: given let image: [Float] = [1, 2, 3, 4] -->
    /// <!-- doctest: given let means = UnsafeMutablePointer<Float>.allocate(capacity: 1) -->
    /// <!-- doctest: given means.initialize(repeating: 0, count: 1) -->
    /// <!-- doctest: given defer { means.deallocate() } -->
    /// ```swift
    /// // per-channel means of one NHWC image: pixels × channels
    /// Float.columnMeans(image, rows: height * width, columns: channels, into: means)
    /// ```
    @inlinable
    public static func columnMeans(
        _ input: UnsafePointer<Self>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Self>
    ) {
        columnSums(input, rows: rows, columns: columns, into: out)
        let count = Self(rows)
        for j in 0..<columns { out[j] /= count }
    }

    /// The penalty sums of `count` values in one pass — `(Σ|w|, Σw²)` — adding the penalty's gradient
    /// `l1 · sign(w) + l2 · w` into `gradients` when given.
    ///
    /// This is the one pass that L1/L2 regularisers, the MLP estimators' `alpha` and the logistic
    /// objective's L2 term share: BLAS would read the weights twice (`dot` for the squares, `axpy` for
    /// the gradient) and has no signed sum. The sums run in order, so results do not depend on the
    /// caller. With `l1 == 0` the sign is skipped and `Σ|w|` is returned as 0.
    ///
    /// <!-- doctest: given let (n, alpha, batch): (Int, Float, Float) = (2, 0.1, 4) -->
    /// <!-- doctest: given let kernel: [Float] = [3, 4] -->
    /// <!-- doctest: given let kernelGradient = UnsafeMutablePointer<Float>.allocate(capacity: 2) -->
    /// <!-- doctest: given kernelGradient.initialize(repeating: 0, count: 2) -->
    /// <!-- doctest: given defer { kernelGradient.deallocate() } -->
    /// ```swift
    /// let (_, squares) = Float.penaltySums(kernel, count: n, l1: 0, l2: alpha / batch, gradients: kernelGradient)
    /// let loss = 0.5 * alpha * squares / batch
    /// ```
    @inlinable
    public static func penaltySums(
        _ values: UnsafePointer<Self>, count: Int, l1: Self, l2: Self, gradients: UnsafeMutablePointer<Self>?
    ) -> (absolute: Self, squares: Self) {
        var absolute = Self.zero, squares = Self.zero
        if l1 == 0 {
            if let gradients {
                for i in 0..<count {
                    let w = values[i]
                    squares += w * w
                    gradients[i] += l2 * w
                }
            } else {
                for i in 0..<count { squares += values[i] * values[i] }
            }
            return (0, squares)
        }
        for i in 0..<count {
            let w = values[i]
            absolute += Swift.abs(w)
            squares += w * w
            gradients?[i] += l1 * (w > 0 ? 1 : w < 0 ? -1 : 0) + l2 * w
        }
        return (absolute, squares)
    }
}
