import Foundation
import LearnCore

/// SAGA (Defazio, Bach & Lacoste-Julien, 2014) with a proximal step for the L1 part — scikit-learn's
/// `saga` solver. It minimises
///
///     (1/n) Σᵢ sᵢ ℓᵢ(θ) + (α/2) ‖W‖² + β ‖W‖₁,   α = (1 − l1Ratio) / (C n),  β = l1Ratio / (C n),
///
/// visiting samples in an order drawn from `randomState`, one stochastic step per visit; an epoch is
/// n visits. Converged when an epoch changes no weight by more than `tol` times the largest weight.
struct SAGA {
    let objective: LogisticObjective
    let alpha: Double
    let beta: Double
    let tol: Double
    let maxEpochs: Int

    func minimize(from start: [Double], using rng: inout RandomState) throws -> (
        theta: [Double], epochs: Int, converged: Bool
    ) {
        let (n, f, k, width) = (objective.X.rows, objective.nFeatures, objective.nRows, objective.width)
        let x = objective.X.scalars
        let step = try stepSize()
        var theta = start
        var memory = [Double](repeating: 0, count: n * k) // each sample's last dℓ/dz (times its weight)
        var sum = [Double](repeating: 0, count: k * width) // Σᵢ memoryᵢ ⊗ [xᵢ, 1]
        var seen = [Bool](repeating: false, count: n)
        var seenCount = 0
        var logits = [Double](repeating: 0, count: k)
        var derivative = [Double](repeating: 0, count: k)
        for epoch in 1...maxEpochs {
            let previous = theta
            for _ in 0..<n {
                let i = try rng.randint(n)
                if !seen[i] {
                    seen[i] = true
                    seenCount += 1
                }
                let row = i * f
                theta.withUnsafeBufferPointer { t in
                    x.withUnsafeBufferPointer { x in
                        for c in 0..<k {
                            let w = t.baseAddress! + c * width
                            let product = f == 0 ? 0 : Double.dot(n: f, x: w, y: x.baseAddress! + row)
                            logits[c] = (objective.fitIntercept ? w[f] : 0) + product
                        }
                    }
                }
                lossDerivative(
                    logits, target: objective.targets[i], weight: objective.weights?[i] ?? 1, into: &derivative)
                let average = 1 / Double(seenCount)
                for c in 0..<k {
                    let delta = derivative[c] - memory[i * k + c]
                    memory[i * k + c] = derivative[c]
                    for j in 0..<f {
                        let index = c * width + j
                        let update = delta * x[row + j] + sum[index] * average
                        sum[index] += delta * x[row + j]
                        var w = theta[index] - step * (update + alpha * theta[index])
                        if beta > 0 { w = w > 0 ? Swift.max(w - step * beta, 0) : Swift.min(w + step * beta, 0) }
                        theta[index] = w
                    }
                    if objective.fitIntercept {
                        let index = c * width + f
                        let update = delta + sum[index] * average
                        sum[index] += delta
                        theta[index] -= step * update
                    }
                }
            }
            var change = 0.0, largest = 0.0
            for index in theta.indices {
                change = Swift.max(change, Swift.abs(theta[index] - previous[index]))
                largest = Swift.max(largest, Swift.abs(theta[index]))
            }
            if change <= tol * Swift.max(largest, Double.leastNormalMagnitude) { return (theta, epoch, true) }
        }
        return (theta, maxEpochs, false)
    }

    /// dℓ/dz for one sample, times its weight: σ(z) − y, or softmax(z) − onehot(y), into `out` (no allocation).
    private func lossDerivative(_ z: [Double], target: Int, weight: Double, into out: inout [Double]) {
        if z.count == 1 {
            out[0] = weight * (Double.sigmoid(z[0]) - (target == 1 ? 1 : 0))
            return
        }
        z.withUnsafeBufferPointer { z in
            out.withUnsafeMutableBufferPointer { out in
                Double.softmaxKernel(
                    input: z.baseAddress!, outer: 1, length: z.count, inner: 1, out: out.baseAddress!, logarithm: false)
            }
        }
        for c in z.indices { out[c] = weight * (out[c] - (c == target ? 1 : 0)) }
    }

    /// scikit-learn's `get_auto_step_size` for SAGA: `1 / (2L + min(2 n α, L))`, with L the smoothness
    /// constant of the (weighted) log loss.
    private func stepSize() throws -> Double {
        let n = objective.X.rows
        var maxSquaredSum = 0.0
        for norm in try rowSquaredNorms(objective.X) { maxSquaredSum = Swift.max(maxSquaredSum, norm) }
        let maxWeight = objective.weights?.max() ?? 1
        let curvature = objective.nRows == 1 ? 0.25 : 0.5
        let lipschitz = curvature * (maxSquaredSum + (objective.fitIntercept ? 1 : 0)) * maxWeight + alpha
        let mu = Swift.min(2 * Double(n) * alpha, lipschitz)
        return 1 / (2 * lipschitz + mu)
    }
}
