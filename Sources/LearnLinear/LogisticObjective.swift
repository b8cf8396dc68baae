import Foundation
import LearnCore

/// scikit-learn's logistic-regression objective for the full-batch solvers,
///
///     f(θ) = (1/S) Σᵢ sᵢ ℓᵢ(θ) + (λ/2) ‖W‖²,   λ = 1 / (C · S),  S = Σᵢ sᵢ,
///
/// with ℓ the binomial (one logit) or multinomial (one logit per class) log loss and the intercepts
/// unpenalised. Parameters θ are `nClasses` rows of `nFeatures + 1` (weights, then intercept); a binary
/// problem has one row. Value and gradient come from one pass over `X` in cache-sized row blocks: the
/// logits of a block (gemv/gemm), their losses, and the block's gradient contribution (a transposed
/// gemv/gemm) while the block is still in cache — so `X` streams from memory once per evaluation.
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

    var nFeatures: Int { X.columns }
    var width: Int { X.columns + 1 }
    var parameterCount: Int { nRows * width }

    /// Rows per block: ~256 KB of `X`, so a block stays in L2 between its two products.
    var blockRows: Int { Swift.max(16, Swift.min(8192, 32768 / Swift.max(1, X.columns))) }

    /// f(θ), with ∇f(θ) written into `gradient`.
    func valueAndGradient(_ theta: [Double], _ gradient: inout [Double]) -> Double {
        gradient = [Double](repeating: 0, count: parameterCount)
        var loss = 0.0
        X.withUnsafeBufferPointer { x in
            theta.withUnsafeBufferPointer { theta in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    guard let x = x.baseAddress, let theta = theta.baseAddress, let gradient = gradient.baseAddress else { return }
                    loss = nRows == 1 ? binaryPass(x, theta, gradient) : multinomialPass(x, theta, gradient)
                }
            }
        }
        var penalty = 0.0
        for k in 0..<nRows {
            for j in 0..<nFeatures {
                let w = theta[k * width + j]
                penalty += w * w
                gradient[k * width + j] += l2 * w
            }
            if !fitIntercept { gradient[k * width + nFeatures] = 0 }
        }
        return loss + 0.5 * l2 * penalty
    }

    /// Binomial loss: logits `X w + b`, residuals `s (p − y) / S`, gradient `Xᵀ r`.
    private func binaryPass(_ x: UnsafePointer<Double>, _ theta: UnsafePointer<Double>, _ gradient: UnsafeMutablePointer<Double>) -> Double {
        let (n, f, block) = (X.rows, nFeatures, blockRows)
        let intercept = fitIntercept ? theta[f] : 0
        var z = [Double](repeating: 0, count: block)
        var total = 0.0, interceptGradient = 0.0
        z.withUnsafeMutableBufferPointer { zBuffer in
            guard let z = zBuffer.baseAddress else { return }
            var start = 0
            while start < n {
                let rows = Swift.min(block, n - start)
                let a = x + start &* f
                Double.gemv(transpose: false, m: Int32(rows), n: Int32(f), alpha: 1, a: a, lda: Int32(f), x: theta, incx: 1,
                            beta: 0, y: z, incy: 1)
                // softplus(z) − y z and σ(z) − y from one e^{−|z|}, stable for any |z|. The log1p terms
                // of up to 16 rows are summed as one log of their product (each factor is in [1, 2]).
                var product = 1.0
                var pending = 0
                for i in 0..<rows {
                    let logit = z[i] + intercept
                    let s = weights?[start &+ i] ?? 1
                    let y = targets[start &+ i] == 1 ? 1.0 : 0.0
                    let e = Foundation.exp(-Swift.abs(logit))
                    if weights == nil {
                        product *= 1 + e
                        pending &+= 1
                        if pending == 16 { total += Foundation.log(product); product = 1; pending = 0 }
                        total += Swift.max(logit, 0) - y * logit
                    } else {
                        total += s * (Swift.max(logit, 0) + Foundation.log1p(e) - y * logit)
                    }
                    let p = logit >= 0 ? 1 / (1 + e) : e / (1 + e)
                    z[i] = s * (p - y) / weightSum
                    interceptGradient += z[i]
                }
                if pending > 0 { total += Foundation.log(product) }
                Double.gemv(transpose: true, m: Int32(rows), n: Int32(f), alpha: 1, a: a, lda: Int32(f), x: z, incx: 1,
                            beta: 1, y: gradient, incy: 1)
                start += rows
            }
        }
        gradient[f] = interceptGradient
        return total / weightSum
    }

    /// Multinomial loss: logits `X Wᵀ + b`, residuals `s (softmax − onehot) / S`, gradient `Rᵀ X`.
    private func multinomialPass(_ x: UnsafePointer<Double>, _ theta: UnsafePointer<Double>, _ gradient: UnsafeMutablePointer<Double>) -> Double {
        let (n, f, k, block, ld) = (X.rows, nFeatures, nRows, blockRows, width)
        var z = [Double](repeating: 0, count: block * k)
        var total = 0.0
        z.withUnsafeMutableBufferPointer { zBuffer in
            guard let z = zBuffer.baseAddress else { return }
            var start = 0
            while start < n {
                let rows = Swift.min(block, n - start)
                let a = x + start &* f
                // Skinny products (k columns) as k gemv calls on the cached block: gemm would repack
                // the block for every call, which costs more than the arithmetic.
                for c in 0..<k {
                    Double.gemv(transpose: false, m: Int32(rows), n: Int32(f), alpha: 1, a: a, lda: Int32(f), x: theta + c &* ld,
                                incx: 1, beta: 0, y: z + c, incy: Int32(k))
                }
                for i in 0..<rows {
                    let row = z + i &* k
                    var maximum = -Double.infinity
                    for c in 0..<k {
                        if fitIntercept { row[c] += theta[c &* ld &+ f] }
                        maximum = Swift.max(maximum, row[c])
                    }
                    let s = weights?[start &+ i] ?? 1
                    let label = targets[start &+ i]
                    let labelLogit = row[label]
                    var sum = 0.0
                    for c in 0..<k {
                        row[c] = Foundation.exp(row[c] - maximum)
                        sum += row[c]
                    }
                    total += s * (maximum + Foundation.log(sum) - labelLogit)
                    let scale = s / (sum * weightSum)
                    for c in 0..<k {
                        row[c] = row[c] * scale - (c == label ? s / weightSum : 0)
                        gradient[c &* ld &+ f] += row[c]
                    }
                }
                for c in 0..<k {
                    Double.gemv(transpose: true, m: Int32(rows), n: Int32(f), alpha: 1, a: a, lda: Int32(f), x: z + c, incx: Int32(k),
                                beta: 1, y: gradient + c &* ld, incy: 1)
                }
                start += rows
            }
        }
        return total / weightSum
    }
}
