import Foundation
import LearnCore

/// The step-size schedule of ``SGDRegressor`` (scikit-learn's `learning_rate=`).
public enum LearningRateSchedule: String, Sendable, CaseIterable {
    /// `eta0` throughout.
    case constant
    /// `eta0 / t^powerT`, t the update count (scikit-learn's default for regression).
    case invscaling
    /// `eta0`, divided by 5 each time `nIterNoChange` epochs fail to improve by `tol`.
    case adaptive
}

/// Linear regression fitted by stochastic gradient descent on the squared error — the seed
/// article's gradient-descent regression, with scikit-learn's `SGDRegressor` parameters: one update
/// per sample, samples reshuffled every epoch from `randomState`, an L2 penalty `alpha`, and early
/// stopping once `nIterNoChange` epochs improve the training loss by less than `tol`.
public struct SGDRegressor: LinearRegressor, Equatable {
    /// `"SGDRegressor"`.
    public static let estimatorName = "SGDRegressor"

    /// L2 penalty strength (≥ 0).
    public var alpha: Double
    /// Fit an intercept (unpenalised).
    public var fitIntercept: Bool
    /// Epoch limit.
    public var maxIter: Int
    /// Minimum loss improvement; `nil` runs all `maxIter` epochs.
    public var tol: Double?
    /// Reshuffle samples every epoch.
    public var shuffle: Bool
    /// The step-size schedule.
    public var learningRate: LearningRateSchedule
    /// Initial step size.
    public var eta0: Double
    /// Exponent of the `invscaling` schedule.
    public var powerT: Double
    /// Epochs without improvement before stopping (or, with `adaptive`, before shrinking the step).
    public var nIterNoChange: Int
    /// Seed of the shuffles; `nil` draws from system entropy.
    public var randomState: Int?

    /// The weights (`coef_`).
    public internal(set) var coef: [Double]?
    /// The intercept (`intercept_`).
    public internal(set) var intercept = 0.0
    /// Epochs run (`n_iter_`).
    public internal(set) var nIter = 0
    /// Set when the last fit used all `maxIter` epochs without meeting `tol` (also logged to stderr).
    public internal(set) var convergenceWarning: String?

    /// Creates an unfitted model with scikit-learn's defaults.
    public init(
        alpha: Double = 0.0001, fitIntercept: Bool = true, maxIter: Int = 1000, tol: Double? = 1e-3,
        shuffle: Bool = true,
        learningRate: LearningRateSchedule = .invscaling, eta0: Double = 0.01, powerT: Double = 0.25,
        nIterNoChange: Int = 5,
        randomState: Int? = nil
    ) {
        (self.alpha, self.fitIntercept, self.maxIter, self.tol, self.shuffle) = (
            alpha, fitIntercept, maxIter, tol, shuffle
        )
        (self.learningRate, self.eta0, self.powerT, self.nIterNoChange, self.randomState) =
            (learningRate, eta0, powerT, nIterNoChange, randomState)
    }

    /// Every hyper-parameter by name.
    public var parameters: [String: ParameterValue] {
        [
            "alpha": .double(alpha), "fitIntercept": .bool(fitIntercept), "maxIter": .int(maxIter),
            "tol": tol.map { .double($0) } ?? .none,
            "shuffle": .bool(shuffle), "learningRate": .string(learningRate.rawValue), "eta0": .double(eta0),
            "powerT": .double(powerT),
            "nIterNoChange": .int(nIterNoChange), "randomState": randomState.map { .int($0) } ?? .none
        ]
    }

    /// Sets a hyper-parameter by name.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "alpha": alpha = try value.double(name)
        case "fitIntercept": fitIntercept = try value.bool(name)
        case "maxIter": maxIter = try value.int(name)
        case "tol": tol = value == .none ? nil : try value.double(name)
        case "shuffle": shuffle = try value.bool(name)
        case "eta0": eta0 = try value.double(name)
        case "powerT": powerT = try value.double(name)
        case "nIterNoChange": nIterNoChange = try value.int(name)
        case "randomState": randomState = value == .none ? nil : try value.int(name)
        case "learningRate":
            guard let parsed = LearningRateSchedule(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(
                    name: name, expected: "constant, invscaling or adaptive", got: value.description)
            }
            learningRate = parsed
        default: throw unknownParameter(name)
        }
    }

    /// Runs the epochs of stochastic gradient descent from zero weights.
    /// - Throws: `LearnError` for bad parameters, empty, non-finite or mismatched input, or a divergence
    ///   (weights overflowing: lower `eta0` or scale the data).
    public mutating func fit(_ X: Matrix<Double>, _ y: [Double]) throws {
        try LeastSquaresInput.check(X, y, nil, "SGDRegressor.fit")
        guard alpha >= 0, eta0 > 0, maxIter >= 1, nIterNoChange >= 1 else {
            throw LearnError.invalidParameter(
                name: "alpha / eta0 / maxIter / nIterNoChange",
                expected: "alpha >= 0, eta0 > 0, maxIter >= 1, nIterNoChange >= 1",
                got: "\(alpha), \(eta0), \(maxIter), \(nIterNoChange)")
        }
        var rng = try RandomState.from(randomState)
        let (n, f) = (X.rows, X.columns)
        var w = [Double](repeating: 0, count: f)
        var b = 0.0
        var order = Array(0..<n)
        var t = 1.0
        var eta = eta0
        var best = Double.infinity
        var stale = 0
        let x = X.scalars
        convergenceWarning = nil
        for epoch in 1...maxIter {
            if shuffle { rng.shuffle(&order) }
            var loss = 0.0
            x.withUnsafeBufferPointer { x in
                w.withUnsafeMutableBufferPointer { w in
                    guard let x = x.baseAddress, let w = w.baseAddress else { return }
                    for i in order {
                        let row = x + i * f
                        let residual = b + Double.dot(n: f, x: w, y: row) - y[i]
                        loss += 0.5 * residual * residual
                        if learningRate == .invscaling { eta = eta0 / Foundation.pow(t, powerT) }
                        let decay = 1 - eta * alpha
                        if decay != 1 { Double.scal(n: f, alpha: decay, x: w) }
                        Double.axpy(n: f, alpha: -eta * residual, x: row, y: w)
                        if fitIntercept { b -= eta * residual }
                        t += 1
                    }
                }
            }
            loss /= Double(n)
            guard loss.isFinite, w.allSatisfy(\.isFinite) else {
                throw LearnError.invalidParameter(
                    name: "eta0",
                    expected: "a step small enough for the weights to stay finite (scale the data or lower eta0)",
                    got: "\(eta0)")
            }
            nIter = epoch
            if let tol {
                if loss > best - tol { stale += 1 } else { stale = 0 }
                best = Swift.min(best, loss)
                if stale >= nIterNoChange {
                    if learningRate == .adaptive && eta > 1e-6 {
                        eta /= 5
                        stale = 0
                    } else {
                        break
                    }
                }
            }
            if epoch == maxIter, tol != nil {
                convergenceWarning =
                    "SGDRegressor reached maxIter (\(maxIter)) before the loss stopped improving; increase maxIter"
                LearnWarning.emit(convergenceWarning ?? "")
            }
        }
        coef = w
        intercept = b
    }
}
