import Foundation
import LearnCore

/// scikit-learn's logistic-regression objective for the full-batch solvers,
///
///     f(θ) = (1/S) Σᵢ sᵢ ℓᵢ(θ) + (λ/2) ‖W‖²,   λ = 1 / (C · S),  S = Σᵢ sᵢ,
///
/// with ℓ the binomial (one logit) or multinomial (one logit per class) log loss and the intercepts
/// unpenalised. Parameters θ are `nClasses` rows of `nFeatures + 1` (weights, then intercept); a binary
/// problem has one row. Value and gradient come from one pass over `X` in L1-sized row blocks
/// (``RowBlockKernels``): a block's logits, their losses and residuals (with a vectorised `exp`), and
/// the block's gradient contribution while the block is still in cache — so `X` streams from memory
/// once per evaluation, where separate BLAS products would read it twice.
struct LogisticObjective {
    let X: Matrix<Double>
    /// Binary: 1 for the positive class else 0. Multinomial: the class code.
    let targets: [Int]
    /// Per-sample weights (class weights folded in); `nil` means all 1.
    let weights: [Double]?
    let weightSum: Double
    /// 1 for binary problems, else the number of classes.
    let nRows: Int
    let fitIntercept: Bool
    /// λ; 0 without penalty.
    let l2: Double
    /// The fused row-block kernels (where the CPU has them) or BLAS products per block.
    var fusedKernels = RowBlockKernels.usesVectorUnits

    var nFeatures: Int { X.columns }
    var width: Int { X.columns + 1 }
    var parameterCount: Int { nRows * width }

    /// f(θ), with ∇f(θ) written into `gradient`.
    func valueAndGradient(_ theta: [Double], _ gradient: inout [Double]) -> Double {
        gradient = [Double](repeating: 0, count: parameterCount)
        var loss = 0.0
        X.withUnsafeBufferPointer { x in
            theta.withUnsafeBufferPointer { theta in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    targets.withUnsafeBufferPointer { targets in
                        guard let x = x.baseAddress, let theta = theta.baseAddress, let gradient = gradient.baseAddress,
                            let targets = targets.baseAddress
                        else { return }
                        let pass = { (weights: UnsafePointer<Double>?) in
                            let data = Samples(x: x, targets: targets, weights: weights)
                            loss =
                                nRows == 1 ? binaryPass(data, theta, gradient) : multinomialPass(data, theta, gradient)
                        }
                        if let weights { weights.withUnsafeBufferPointer { pass($0.baseAddress) } } else { pass(nil) }
                    }
                }
            }
        }
        var penalty = 0.0
        theta.withUnsafeBufferPointer { theta in
            gradient.withUnsafeMutableBufferPointer { gradient in
                guard let theta = theta.baseAddress, let gradient = gradient.baseAddress else { return }
                for k in 0..<nRows {
                    let row = k * width
                    penalty +=
                        Double.penaltySums(
                            theta + row, count: nFeatures, l1: 0, l2: l2, gradients: gradient + row
                        ).squares
                    if !fitIntercept { gradient[row + nFeatures] = 0 }
                }
            }
        }
        return loss + 0.5 * l2 * penalty
    }

    /// The pass's view of the data.
    private struct Samples {
        let x: UnsafePointer<Double>
        let targets: UnsafePointer<Int>
        let weights: UnsafePointer<Double>?
    }

    /// Walks `X` in blocks: `body(start, rows, block, prefetch)` with the block's first row and the
    /// halves of the next block for the two kernels to prefetch.
    private func forEachBlock(
        _ x: UnsafePointer<Double>,
        _ body: (Int, Int, UnsafePointer<Double>, (UnsafeBufferPointer<Double>?, UnsafeBufferPointer<Double>?)) -> Void
    ) {
        let (n, f) = (X.rows, nFeatures)
        let block = RowBlockKernels.blockRows(columns: f, fused: fusedKernels)
        var start = 0
        while start < n {
            let rows = Swift.min(block, n - start)
            let a = x + start &* f
            let nextRows = Swift.min(block, n - start - rows)
            let next = nextRows > 0 ? UnsafeBufferPointer(start: a + rows &* f, count: nextRows &* f) : nil
            body(start, rows, a, RowBlockKernels.splitForPrefetch(next))
            start &+= rows
        }
    }

    /// Binomial loss: logits `X w + b`, residuals `s (p − y) / S`, gradient `Xᵀ r`.
    private func binaryPass(_ data: Samples, _ theta: UnsafePointer<Double>, _ gradient: UnsafeMutablePointer<Double>)
        -> Double
    {
        let f = nFeatures
        let intercept = fitIntercept ? theta[f] : 0
        let inverseSum = 1 / weightSum
        let block = RowBlockKernels.blockRows(columns: f, fused: fusedKernels)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * block)
        defer { scratch.deallocate() }
        let z = scratch, e = scratch + block
        var total = 0.0, interceptGradient = 0.0
        forEachBlock(data.x) { start, rows, a, next in
            RowBlockKernels.products(
                a, rows: rows, columns: f, weights: theta, classes: 1, weightStride: width, into: z,
                prefetching: next.0,
                fused: fusedKernels)
            for i in 0..<rows {
                let logit = z[i] + intercept
                z[i] = logit
                e[i] = -Swift.abs(logit)
            }
            RowBlockKernels.exp(e, into: e, count: rows)
            // softplus(z) − y z and σ(z) − y from one e^{−|z|}, stable for any |z|.
            let targets = data.targets + start
            if let weights = data.weights.map({ $0 + start }) {
                for i in 0..<rows {
                    let (logit, ei, y, s) = (z[i], e[i], targets[i] == 1 ? 1.0 : 0.0, weights[i])
                    total += s * (Swift.max(logit, 0) + Foundation.log1p(ei) - y * logit)
                    let residual = s * inverseSum * ((logit >= 0 ? 1 : ei) / (1 + ei) - y)
                    z[i] = residual
                    interceptGradient += residual
                }
            } else {
                // The block's log1p terms as one log of their product (each factor is in [1, 2]),
                // flushed before it could overflow.
                var product = 1.0
                for i in 0..<rows {
                    let (logit, ei, y) = (z[i], e[i], targets[i] == 1 ? 1.0 : 0.0)
                    product *= 1 + ei
                    if product > 1e200 {
                        total += Foundation.log(product)
                        product = 1
                    }
                    total += Swift.max(logit, 0) - y * logit
                    let residual = inverseSum * ((logit >= 0 ? 1 : ei) / (1 + ei) - y)
                    z[i] = residual
                    interceptGradient += residual
                }
                total += Foundation.log(product)
            }
            RowBlockKernels.accumulateProducts(
                a, rows: rows, columns: f, coefficients: z, classes: 1, into: gradient, gradientStride: width,
                prefetching: next.1, fused: fusedKernels)
        }
        gradient[f] = interceptGradient
        return total * inverseSum
    }

    /// Multinomial loss: logits `X Wᵀ + b`, residuals `s (softmax − onehot) / S`, gradient `Rᵀ X`.
    private func multinomialPass(
        _ data: Samples, _ theta: UnsafePointer<Double>, _ gradient: UnsafeMutablePointer<Double>
    ) -> Double {
        let (f, k, ld) = (nFeatures, nRows, width)
        let inverseSum = 1 / weightSum
        let block = RowBlockKernels.blockRows(columns: f, fused: fusedKernels)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: block * (k + 4) + 2 * k)
        defer { scratch.deallocate() }
        let z = scratch, maxima = scratch + block * k, labelLogits = maxima + block, sums = labelLogits + block,
            scales = sums + block
        let bias = scales + block, interceptGradient = bias + k
        for c in 0..<k {
            bias[c] = fitIntercept ? theta[c &* ld &+ f] : 0
            interceptGradient[c] = 0
        }
        var total = 0.0
        forEachBlock(data.x) { start, rows, a, next in
            RowBlockKernels.products(
                a, rows: rows, columns: f, weights: theta, classes: k, weightStride: ld, into: z, prefetching: next.0,
                fused: fusedKernels)
            let targets = data.targets + start
            // Shift each row by its maximum so e^{z − max} ≤ 1: log-sum-exp without overflow.
            for i in 0..<rows {
                let row = z + i &* k
                var maximum = -Double.infinity
                for c in 0..<k {
                    let logit = row[c] + bias[c]
                    row[c] = logit
                    maximum = Swift.max(maximum, logit)
                }
                maxima[i] = maximum
                labelLogits[i] = row[targets[i]]
                for c in 0..<k { row[c] -= maximum }
            }
            RowBlockKernels.exp(z, into: z, count: rows &* k)
            for i in 0..<rows {
                let row = z + i &* k
                var sum = 0.0
                for c in 0..<k { sum += row[c] }
                sums[i] = sum
            }
            // Row by row in separate loops, so the divisions and sums vectorise.
            if let weights = data.weights.map({ $0 + start }) {
                for i in 0..<rows {
                    total += weights[i] * (maxima[i] + Foundation.log(sums[i]) - labelLogits[i])
                    scales[i] = weights[i] * inverseSum / sums[i]
                }
            } else {
                // The block's log-sum-exp terms as one log of the product of the sums (each in
                // [1, k]), flushed before it could overflow.
                var product = 1.0
                for i in 0..<rows {
                    product *= sums[i]
                    if product > 1e200 {
                        total += Foundation.log(product)
                        product = 1
                    }
                    total += maxima[i] - labelLogits[i]
                }
                total += Foundation.log(product)
                for i in 0..<rows { scales[i] = inverseSum / sums[i] }
            }
            for i in 0..<rows {
                let row = z + i &* k
                let scale = scales[i]
                for c in 0..<k { row[c] *= scale }
                row[targets[i]] -= (data.weights?[start &+ i] ?? 1) * inverseSum
            }
            // Inline, not the core's reductionKernel: on a 20 × 5 block its per-call setup outweighs
            // the sum (measured: the multiclass fit 0.31 → 0.73 s).
            for i in 0..<rows {
                let row = z + i &* k
                for c in 0..<k { interceptGradient[c] += row[c] }
            }
            RowBlockKernels.accumulateProducts(
                a, rows: rows, columns: f, coefficients: z, classes: k, into: gradient, gradientStride: ld,
                prefetching: next.1, fused: fusedKernels)
        }
        for c in 0..<k { gradient[c &* ld &+ f] = interceptGradient[c] }
        return total * inverseSum
    }
}
