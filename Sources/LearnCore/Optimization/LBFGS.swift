/// The outcome of ``LBFGS/minimize(_:from:)``.
public struct OptimizationResult: Sendable {
    /// The final point.
    public var x: [Double]
    /// The objective there.
    public var value: Double
    /// The gradient there.
    public var gradient: [Double]
    /// Iterations taken (accepted steps).
    public var iterations: Int
    /// Objective evaluations.
    public var evaluations: Int
    /// Whether a stopping test passed before `maxIterations`.
    public var converged: Bool
    /// Why the optimiser stopped.
    public var message: String
}

/// Limited-memory BFGS with a line search that enforces the strong Wolfe conditions — the
/// unconstrained core of SciPy's L-BFGS-B, with the same stopping rules (`gtol` on the largest gradient
/// component, `ftol` on the relative decrease), so a model that stops where scikit-learn's does
/// reaches the same optimum.
///
/// ```swift
/// // (x₀ − 3)² + (x₁ + 1)², whose minimum is at (3, −1)
/// let result = try LBFGS(gtol: 1e-8).minimize(
///     { x, gradient in
///         gradient = [2 * (x[0] - 3), 2 * (x[1] + 1)]
///         return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1)
///     }, from: [0, 0])
/// print(result.x.map { ($0 * 1e6).rounded() / 1e6 }, result.converged)
/// ```
/// <!-- doctest: output -->
/// ```text
/// [3.0, -1.0] true
/// ```
public struct LBFGS: Sendable {
    /// Stop when `max |gradient_i| <= gtol`.
    public var gtol: Double
    /// Stop when `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol`.
    public var ftol: Double
    /// Iteration limit.
    public var maxIterations: Int
    /// Correction pairs kept.
    public var memory: Int
    /// Evaluations allowed in one line search.
    public var maxLineSearchSteps: Int

    /// Creates an optimiser; defaults follow scikit-learn's call of SciPy (`ftol = 64 ε`, `maxls = 50`, `m = 10`).
    public init(
        gtol: Double = 1e-5, ftol: Double = 64 * Double.ulpOfOne, maxIterations: Int = 15_000, memory: Int = 10,
        maxLineSearchSteps: Int = 50
    ) {
        (self.gtol, self.ftol, self.maxIterations, self.memory, self.maxLineSearchSteps) =
            (gtol, ftol, maxIterations, memory, maxLineSearchSteps)
    }

    /// Minimises `objective`, which returns f(x) and writes ∇f(x) into its second argument.
    /// - Throws: ``LearnError/nonFiniteInput(operation:)`` when the objective is not finite at the start;
    ///   errors thrown by `objective`.
    public func minimize(
        _ objective: (_ x: [Double], _ gradient: inout [Double]) throws -> Double, from start: [Double]
    ) throws
        -> OptimizationResult
    {
        let n = start.count
        var x = start
        var g = [Double](repeating: 0, count: n)
        var f = try objective(x, &g)
        var evaluations = 1
        guard f.isFinite && g.allSatisfy(\.isFinite) else {
            throw LearnError.nonFiniteInput(operation: "LBFGS.minimize")
        }
        var history = CorrectionHistory(capacity: memory, dimension: n)
        var iterations = 0
        while true {
            if Self.maxAbs(g) <= gtol {
                return OptimizationResult(
                    x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
                    converged: true, message: "gradient below gtol")
            }
            if iterations >= maxIterations {
                return OptimizationResult(
                    x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
                    converged: false, message: "reached maxIterations (\(maxIterations))")
            }
            var direction = history.apply(to: g)
            for i in 0..<n { direction[i] = -direction[i] }
            var slope = Self.dot(g, direction)
            if !(slope < 0) { // not a descent direction: restart from steepest descent
                history.clear()
                direction = g.map { -$0 }
                slope = Self.dot(g, direction)
            }
            let initialStep = history.isEmpty ? Swift.min(1, 1 / Swift.max(Self.norm(g), .leastNormalMagnitude)) : 1
            var search = WolfeLineSearch(f0: f, slope0: slope, direction: direction, maxSteps: maxLineSearchSteps)
            guard
                let step = try search.run(
                    initialStep: initialStep,
                    evaluate: { alpha, gradient in
                        var trial = x
                        for i in 0..<n { trial[i] += alpha * direction[i] }
                        return try objective(trial, &gradient)
                    })
            else {
                return OptimizationResult(
                    x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations + search.evaluations,
                    converged: false, message: "line search failed to find a Wolfe step")
            }
            evaluations += search.evaluations
            var s = direction
            for i in 0..<n {
                s[i] *= step.alpha
                x[i] += s[i]
            }
            let yVector = zip(step.gradient, g).map { $0 - $1 }
            history.append(s: s, y: yVector)
            let previous = f
            (f, g) = (step.value, step.gradient)
            iterations += 1
            if (previous - f) / Swift.max(Swift.abs(previous), Swift.abs(f), 1) <= ftol {
                return OptimizationResult(
                    x: x, value: f, gradient: g, iterations: iterations, evaluations: evaluations,
                    converged: true, message: "relative reduction below ftol")
            }
        }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for i in a.indices { total += a[i] * b[i] }
        return total
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { Swift.max($0, Swift.abs($1)) } }
}

/// The last `capacity` pairs (s, y) and the two-loop recursion that applies the inverse-Hessian estimate.
struct CorrectionHistory {
    let capacity: Int
    let dimension: Int
    private var pairs: [(s: [Double], y: [Double], rho: Double)] = []

    init(capacity: Int, dimension: Int) { (self.capacity, self.dimension) = (Swift.max(1, capacity), dimension) }

    var isEmpty: Bool { pairs.isEmpty }

    mutating func clear() { pairs.removeAll() }

    /// Keeps the pair when its curvature `yᵀs` is safely positive (else BFGS would lose definiteness).
    mutating func append(s: [Double], y: [Double]) {
        let curvature = LBFGS.dot(y, s)
        guard curvature > Double.ulpOfOne * LBFGS.dot(y, y) else { return }
        if pairs.count == capacity { pairs.removeFirst() }
        pairs.append((s, y, 1 / curvature))
    }

    /// `H · g` by the two-loop recursion with `H0 = (sᵀy / yᵀy) I`.
    func apply(to g: [Double]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: pairs.count)
        for k in pairs.indices.reversed() {
            alphas[k] = pairs[k].rho * LBFGS.dot(pairs[k].s, q)
            for i in 0..<dimension { q[i] -= alphas[k] * pairs[k].y[i] }
        }
        if let last = pairs.last {
            let gamma = LBFGS.dot(last.s, last.y) / LBFGS.dot(last.y, last.y)
            for i in 0..<dimension { q[i] *= gamma }
        }
        for k in pairs.indices {
            let beta = pairs[k].rho * LBFGS.dot(pairs[k].y, q)
            for i in 0..<dimension { q[i] += (alphas[k] - beta) * pairs[k].s[i] }
        }
        return q
    }
}
