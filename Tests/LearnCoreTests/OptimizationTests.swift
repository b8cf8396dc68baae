import LearnCore
import Testing

/// L-BFGS with the strong-Wolfe line search on problems with known minima.
@Suite struct OptimizationTests {
    @Test func rosenbrockReachesItsMinimum() throws {
        let result = try LBFGS(gtol: 1e-10).minimize(
            { x, g in
                let (a, b) = (x[0], x[1])
                g = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]
                return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
            }, from: [-1.2, 1])
        #expect(result.converged)
        #expect(abs(result.x[0] - 1) < 1e-8 && abs(result.x[1] - 1) < 1e-8)
        #expect(result.iterations < 60)
    }

    @Test func illConditionedQuadraticSolvesTheLinearSystem() throws {
        // f(x) = ½ xᵀ A x − bᵀ x with A = diag(1 … 1000): the minimiser is A⁻¹ b.
        let n = 50
        let diagonal = (0..<n).map { 1 + 999 * Double($0) / Double(n - 1) }
        let b = (0..<n).map { Double($0 % 7) - 3 }
        let result = try LBFGS(gtol: 1e-6, ftol: 0, maxIterations: 1000).minimize(
            { x, g in
                var value = 0.0
                g = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    let xi: Double = x[i]
                    g[i] = diagonal[i] * xi - b[i]
                    value += 0.5 * diagonal[i] * xi * xi - b[i] * xi
                }
                return value
            }, from: [Double](repeating: 0, count: n))
        #expect(
            result.converged && result.message == "gradient below gtol",
            "\(result.message) after \(result.iterations) iterations")
        for i in 0..<n { #expect(abs(result.x[i] - b[i] / diagonal[i]) <= 1e-6 / diagonal[i] * 1.0001) }
    }

    @Test func maxIterationsIsReportedNotHidden() throws {
        let result = try LBFGS(gtol: 1e-12, maxIterations: 3).minimize(
            { x, g in
                g = [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]
                return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0])
            }, from: [-1.2, 1])
        #expect(!result.converged && result.iterations == 3 && result.message.contains("maxIterations"))
        #expect(throws: LearnError.nonFiniteInput(operation: "LBFGS.minimize")) {
            try LBFGS().minimize(
                { _, g in
                    g = [.nan]
                    return .nan
                }, from: [0])
        }
    }
}
