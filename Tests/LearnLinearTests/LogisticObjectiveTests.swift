import Foundation
import LearnCore
import LearnData
import LearnTestSupport
import Testing

@testable import LearnLinear

/// The logistic objective's fused pass against a per-sample reference written the obvious way,
/// through both kernel routes (fused row blocks and BLAS per block), binary and multinomial,
/// with and without sample weights, at zero (where the loss terms are largest and the BLAS route's
/// 3,000-row block needs the product of its log terms flushed) and at random parameters.
@Suite struct LogisticObjectiveTests {
    @Test(arguments: [2, 4], [false, true])
    func valueAndGradientMatchThePerSampleDefinition(classes: Int, weighted: Bool) throws {
        let (X, y) = try makeClassification(
            nSamples: 3000, nFeatures: 7, nInformative: 5, nRedundant: 1, nClasses: classes,
            randomState: 5)
        var rng = RandomState(seed: 11)
        let weights = weighted ? try rng.randomSample(count: y.count).map { 0.2 + 2 * $0 } : nil
        let rows = classes == 2 ? 1 : classes
        let objective = LogisticObjective(
            X: X, targets: y, weights: weights, weightSum: weights?.reduce(0, +) ?? 3000,
            nRows: rows, fitIntercept: true, l2: 0.01)
        let random = try rng.randomSample(count: objective.parameterCount).map { 4 * $0 - 2 }
        for theta in [[Double](repeating: 0, count: objective.parameterCount), random] {
            let (expectedValue, expectedGradient) = reference(objective, theta)
            for fused in [true, false] {
                var route = objective
                route.fusedKernels = fused
                var gradient: [Double] = []
                let value = route.valueAndGradient(theta, &gradient)
                let what = "\(classes) classes, weighted \(weighted), fused \(fused)"
                #expect(
                    abs(value - expectedValue) <= 1e-12 * abs(expectedValue), "\(what): \(value) vs \(expectedValue)")
                #expect(gradient.count == expectedGradient.count)
                // The same float64 sums in another order: 1e-12.
                expectClose(gradient, expectedGradient, tolerance: 1e-12, "\(what): gradient")
            }
        }
    }

    /// f(θ) and ∇f(θ) one sample at a time, with `Foundation`'s exp/log and no blocking.
    private func reference(_ objective: LogisticObjective, _ theta: [Double]) -> (Double, [Double]) {
        let (n, f, k, width) = (objective.X.rows, objective.nFeatures, objective.nRows, objective.width)
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: objective.parameterCount)
        for i in 0..<n {
            let x = Array(objective.X.scalars[(i * f)..<((i + 1) * f)])
            let s = objective.weights?[i] ?? 1
            let logits = (0..<k).map { c in
                zip(x, theta[(c * width)..<(c * width + f)]).reduce(theta[c * width + f]) { $0 + $1.0 * $1.1 }
            }
            var residuals: [Double]
            if k == 1 {
                let (z, y) = (logits[0], objective.targets[i] == 1 ? 1.0 : 0.0)
                loss += s * (max(z, 0) + log1p(exp(-abs(z))) - y * z)
                residuals = [s * (1 / (1 + exp(-z)) - y)]
            } else {
                let top = logits.max() ?? 0
                let sum = logits.reduce(0) { $0 + exp($1 - top) }
                loss += s * (top + log(sum) - logits[objective.targets[i]])
                residuals = logits.map { s * exp($0 - top) / sum }
                residuals[objective.targets[i]] -= s
            }
            for c in 0..<k {
                for j in 0..<f { gradient[c * width + j] += residuals[c] * x[j] / objective.weightSum }
                gradient[c * width + f] += residuals[c] / objective.weightSum
            }
        }
        var penalty = 0.0
        for c in 0..<k {
            for j in 0..<f {
                penalty += theta[c * width + j] * theta[c * width + j]
                gradient[c * width + j] += objective.l2 * theta[c * width + j]
            }
        }
        return (loss / objective.weightSum + 0.5 * objective.l2 * penalty, gradient)
    }
}
