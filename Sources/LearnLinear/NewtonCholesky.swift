import LearnCore

/// Newton's method on ``LogisticObjective`` with the Hessian factorised by LAPACK (`potrf`/`potrs`)
/// and a backtracking Armijo line search — scikit-learn's `newton-cholesky` solver. Converged when
/// `max |∇f| ≤ tol` and the Newton decrement `½ Δᵀ H Δ ≤ tol`, as scikit-learn checks.
struct NewtonCholesky {
    let objective: LogisticObjective
    let tol: Double
    let maxIterations: Int

    /// Newton steps from `start`; when the Hessian is numerically singular (a separable problem without
    /// penalty), the remaining iterations run L-BFGS from the current point, as scikit-learn resorts to lbfgs.
    func minimize(from start: [Double]) throws -> (theta: [Double], iterations: Int, converged: Bool) {
        let augmented = try Matrix.concatenate([objective.X, Matrix<Double>.ones(objective.X.rows, 1)], axis: 1)
        var theta = start
        var gradient = [Double]()
        var value = objective.valueAndGradient(theta, &gradient)
        for iteration in 0..<maxIterations {
            let hessian = try self.hessian(theta, augmented)
            let step: [Double]
            do {
                step = try solvePositiveDefinite(hessian, Matrix(column: gradient.map { -$0 })).scalars
            } catch LearnError.notPositiveDefinite {
                let fallback = try LBFGS(gtol: tol, maxIterations: maxIterations - iteration)
                    .minimize({ objective.valueAndGradient($0, &$1) }, from: theta)
                return (fallback.x, iteration + fallback.iterations, fallback.converged)
            }
            let slope = zip(gradient, step).reduce(0.0) { $0 + $1.0 * $1.1 }
            if largestMagnitude(gradient) <= tol && -0.5 * slope <= tol { return (theta, iteration, true) }
            var t = 1.0
            var trialGradient = [Double]()
            var accepted = false
            for _ in 0..<30 {
                let trial = zip(theta, step).map { $0 + t * $1 }
                let trialValue = objective.valueAndGradient(trial, &trialGradient)
                if trialValue <= value + 1e-4 * t * slope || trialValue <= value && t < 1e-6 {
                    (theta, value, gradient, accepted) = (trial, trialValue, trialGradient, true)
                    break
                }
                t *= 0.5
            }
            if !accepted { return (theta, iteration, largestMagnitude(gradient) <= tol) }
        }
        return (theta, maxIterations, largestMagnitude(gradient) <= tol)
    }

    /// ∇²f(θ), `(nRows · (F+1))²`, built blockwise with gemm; intercept rows/columns included (and
    /// replaced by identity rows when the intercept is not fitted).
    private func hessian(_ theta: [Double], _ augmented: Matrix<Double>) throws -> Matrix<Double> {
        let (n, width, k) = (augmented.rows, objective.width, objective.nRows)
        let probabilities = try self.probabilities(theta)
        let size = k * width
        var h = try Matrix<Double>.zeros(size, size)
        for a in 0..<k {
            for b in a..<k {
                // D_ab,i = s_i p_ia (δ_ab − p_ib) / S; binary: s p (1 − p) / S.
                var scaled = augmented
                scaled.withUnsafeMutableBufferPointer { x in
                    for i in 0..<n {
                        let s = objective.weights?[i] ?? 1
                        let d: Double
                        if k == 1 {
                            let p = probabilities[i]
                            d = s * p * (1 - p) / objective.weightSum
                        } else {
                            let (pa, pb) = (probabilities[i * k + a], probabilities[i * k + b])
                            d = s * pa * ((a == b ? 1 : 0) - pb) / objective.weightSum
                        }
                        for j in 0..<width { x[i * width + j] *= d }
                    }
                }
                let block = try matmul(augmented, scaled, transposeA: true)
                for r in 0..<width {
                    for c in 0..<width {
                        h[a * width + r, b * width + c] = block[r, c]
                        h[b * width + c, a * width + r] = block[r, c]
                    }
                }
            }
        }
        let f = objective.nFeatures
        for a in 0..<k {
            for j in 0..<f { h[a * width + j, a * width + j] += objective.l2 }
            if !objective.fitIntercept {
                for c in 0..<size {
                    h[a * width + f, c] = 0
                    h[c, a * width + f] = 0
                }
                h[a * width + f, a * width + f] = 1
            }
        }
        if k > 1 { addNullSpaceCorrection(&h) }
        return h
    }

    /// The multinomial loss is unchanged by adding a constant to every class's intercept (and, without
    /// a penalty, to every class's weight of one feature): those directions are flat. Adding `c cᵀ` for
    /// each makes the Hessian definite without moving the step, since the gradient is orthogonal to them.
    private func addNullSpaceCorrection(_ h: inout Matrix<Double>) {
        let (k, width, f) = (objective.nRows, objective.width, objective.nFeatures)
        var columns: [Int] = objective.fitIntercept ? [f] : []
        if objective.l2 == 0 { columns += Array(0..<f) }
        let scale = 1 / Double(k)
        for j in columns {
            for a in 0..<k { for b in 0..<k { h[a * width + j, b * width + j] += scale } }
        }
    }

    /// Class probabilities at θ: `n` values (binary) or `n × k` (multinomial).
    private func probabilities(_ theta: [Double]) throws -> [Double] {
        let (f, width, k) = (objective.nFeatures, objective.width, objective.nRows)
        let weights = try Matrix(rows: k, columns: width, scalars: theta)
        var logits = try matmul(objective.X, try weights.transposed().rows(in: 0..<f))
        if objective.fitIntercept { logits = try logits + (0..<k).map { theta[$0 * width + f] } }
        if k == 1 { return logits.sigmoid().scalars }
        return try logits.softmax(axis: 1).scalars
    }
}

/// `max |vᵢ|`.
func largestMagnitude(_ v: [Double]) -> Double { v.reduce(0) { Swift.max($0, Swift.abs($1)) } }
