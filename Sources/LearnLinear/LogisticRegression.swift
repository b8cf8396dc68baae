import Foundation
import LearnCore

/// Logistic regression for binary and multiclass (multinomial) problems, with scikit-learn 1.9's
/// parameters and objective: `C · Σ sᵢ ℓᵢ + (1 − l1Ratio)/2 ‖W‖² + l1Ratio ‖W‖₁`, intercepts unpenalised.
/// The objective is strictly convex with an L2 part, so every solver reaches scikit-learn's coefficients.
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// <!-- doctest: given let (xTrain, yTrain, xTest, yTest) = (X, y, X, y) -->
/// ```swift
/// var model = LogisticRegression(C: 1.0, maxIter: 1000)
/// try model.fit(xTrain, yTrain)
/// let predicted = try model.predict(xTest)
/// let probabilities = try model.predictProba(xTest)
/// ```
public struct LogisticRegression: Classifier, Equatable {
    /// `"LogisticRegression"`.
    public static let estimatorName = "LogisticRegression"

    /// Inverse regularisation strength (> 0); `.infinity` means no penalty.
    public var C: Double
    /// The L1 share of the penalty: 0 = L2 (default), 1 = L1, between = elastic net (L1 needs `saga`).
    public var l1Ratio: Double
    /// Fit intercepts (unpenalised).
    public var fitIntercept: Bool
    /// Weights per class, multiplying sample weights; `nil` = all 1.
    public var classWeight: ClassWeight?
    /// Stopping tolerance (the largest gradient component for lbfgs / newton-cholesky; the relative
    /// weight change per epoch for saga).
    public var tol: Double
    /// Iteration limit (epochs for saga).
    public var maxIter: Int
    /// The optimisation algorithm.
    public var solver: LogisticSolver
    /// Start from the previous fit's coefficients when the problem shape is unchanged.
    public var warmStart: Bool
    /// Seed of saga's sample order; `nil` draws from system entropy.
    public var randomState: Int?

    /// Sorted class labels seen in `fit` (`classes_`).
    public internal(set) var classes: [Int] = []
    /// Coefficients: 1 × features for binary problems, classes × features otherwise (`coef_`).
    public internal(set) var coef: Matrix<Double>?
    /// Intercepts: one for binary problems, one per class otherwise (`intercept_`).
    public internal(set) var intercept: [Double] = []
    /// Iterations (epochs for saga) the solver took (`n_iter_`).
    public internal(set) var nIter = 0
    /// Objective evaluations of the last lbfgs fit (iterations plus extra line-search steps).
    public internal(set) var nEvaluations = 0
    /// Set when the last fit stopped at `maxIter` without converging (also logged to stderr).
    public internal(set) var convergenceWarning: String?

    /// Creates an unfitted model with scikit-learn's defaults.
    public init(
        C: Double = 1.0, l1Ratio: Double = 0, fitIntercept: Bool = true, classWeight: ClassWeight? = nil,
        tol: Double = 1e-4, maxIter: Int = 100, solver: LogisticSolver = .lbfgs, warmStart: Bool = false,
        randomState: Int? = nil
    ) {
        (self.C, self.l1Ratio, self.fitIntercept, self.classWeight) = (C, l1Ratio, fitIntercept, classWeight)
        (self.tol, self.maxIter, self.solver, self.warmStart, self.randomState) = (
            tol, maxIter, solver, warmStart, randomState
        )
    }

    /// The older `penalty:` spelling: `.l2`, `.l1`, `.elasticnet` (with `l1Ratio`) or `.none` set `C`/`l1Ratio`.
    public init(
        penalty: LogisticPenalty, C: Double = 1.0, l1Ratio: Double? = nil, fitIntercept: Bool = true,
        classWeight: ClassWeight? = nil, tol: Double = 1e-4, maxIter: Int = 100, solver: LogisticSolver = .lbfgs,
        warmStart: Bool = false, randomState: Int? = nil
    ) {
        let ratio: Double
        switch penalty {
        case .l2, .none: ratio = 0
        case .l1: ratio = 1
        case .elasticnet: ratio = l1Ratio ?? 0.5
        }
        self.init(
            C: penalty == .none ? .infinity : C, l1Ratio: ratio, fitIntercept: fitIntercept, classWeight: classWeight,
            tol: tol, maxIter: maxIter, solver: solver, warmStart: warmStart, randomState: randomState)
    }

    /// The penalty these parameters amount to.
    public var penalty: LogisticPenalty {
        if C.isInfinite { return .none }
        if l1Ratio == 0 { return .l2 }
        return l1Ratio == 1 ? .l1 : .elasticnet
    }

    /// Scratch: evaluations counted during `fit`.
    var evaluationCount = 0

    /// Number of features seen in `fit` (`n_features_in_`).
    public var nFeaturesIn: Int { coef?.columns ?? 0 }
}
