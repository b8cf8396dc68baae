/// A point accepted by ``WolfeLineSearch``.
struct LineSearchStep {
    var alpha: Double
    var value: Double
    var gradient: [Double]
}

/// Bracketing and zoom (Nocedal & Wright, Algorithms 3.5–3.6) for a step along `direction` that
/// satisfies the strong Wolfe conditions `f(α) ≤ f(0) + c1 α f'(0)` and `|f'(α)| ≤ c2 |f'(0)|`,
/// with safeguarded cubic interpolation.
struct WolfeLineSearch {
    typealias Point = (alpha: Double, value: Double, slope: Double)

    let f0: Double
    let slope0: Double
    let direction: [Double]
    let maxSteps: Int
    let c1 = 1e-4
    let c2 = 0.9
    private(set) var evaluations = 0
    private var best: LineSearchStep?

    init(f0: Double, slope0: Double, direction: [Double], maxSteps: Int) {
        (self.f0, self.slope0, self.direction, self.maxSteps) = (f0, slope0, direction, maxSteps)
    }

    /// The accepted step, or `nil` when none was found within `maxSteps` evaluations.
    /// `evaluate(α, &gradient)` returns f(x + α d) and writes its gradient.
    mutating func run(initialStep: Double, evaluate: (Double, inout [Double]) throws -> Double) throws
        -> LineSearchStep?
    {
        var previous: Point = (0, f0, slope0)
        var alpha = initialStep
        for iteration in 0..<maxSteps {
            let (current, gradient) = try probe(alpha, evaluate)
            if !current.value.isFinite || current.value > f0 + c1 * alpha * slope0
                || (iteration > 0 && current.value >= previous.value)
            {
                return try zoom(low: previous, high: current, evaluate)
            }
            if Swift.abs(current.slope) <= -c2 * slope0 {
                return LineSearchStep(alpha: alpha, value: current.value, gradient: gradient)
            }
            if current.slope >= 0 { return try zoom(low: current, high: previous, evaluate) }
            previous = current
            alpha *= 2
        }
        return best
    }

    /// One evaluation; remembers the lowest sufficient-decrease point as a fallback.
    private mutating func probe(_ alpha: Double, _ evaluate: (Double, inout [Double]) throws -> Double) throws -> (
        Point, [Double]
    ) {
        var gradient = [Double]()
        let value = try evaluate(alpha, &gradient)
        evaluations += 1
        var slope = 0.0
        for i in direction.indices { slope += gradient[i] * direction[i] }
        if value.isFinite && value <= f0 + c1 * alpha * slope0 && value < (best?.value ?? f0) {
            best = LineSearchStep(alpha: alpha, value: value, gradient: gradient)
        }
        return ((alpha, value.isFinite ? value : .greatestFiniteMagnitude, slope), gradient)
    }

    /// Narrows the bracket (`low` satisfies sufficient decrease and has the lower value) to a Wolfe point.
    private mutating func zoom(low start: Point, high end: Point, _ evaluate: (Double, inout [Double]) throws -> Double)
        throws
        -> LineSearchStep?
    {
        var (low, high) = (start, end)
        while evaluations < maxSteps {
            let (lo, hi) = (Swift.min(low.alpha, high.alpha), Swift.max(low.alpha, high.alpha))
            let width = hi - lo
            if width <= Double.ulpOfOne * Swift.max(1, hi) { break }
            var alpha = Self.cubicMinimizer(low, high)
            if !alpha.isFinite || alpha < lo + 0.1 * width || alpha > hi - 0.1 * width { alpha = lo + 0.5 * width }
            let (current, gradient) = try probe(alpha, evaluate)
            if current.value > f0 + c1 * alpha * slope0 || current.value >= low.value {
                high = current
            } else {
                if Swift.abs(current.slope) <= -c2 * slope0 {
                    return LineSearchStep(alpha: alpha, value: current.value, gradient: gradient)
                }
                if current.slope * (high.alpha - low.alpha) >= 0 { high = low }
                low = current
            }
        }
        return best
    }

    /// The minimiser of the cubic through two points with their values and slopes.
    static func cubicMinimizer(_ a: Point, _ b: Point) -> Double {
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
        let discriminant = d1 * d1 - a.slope * b.slope
        guard discriminant >= 0 else { return .nan }
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * discriminant.squareRoot()
        return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    }
}
