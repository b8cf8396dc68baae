import LearnCore

/// The optimisation algorithm of ``LogisticRegression`` (scikit-learn's `solver=`).
public enum LogisticSolver: String, Sendable, CaseIterable {
    /// Limited-memory BFGS (the default): L2 or no penalty.
    case lbfgs
    /// Newton's method with a Cholesky-factorised Hessian: L2 or no penalty; best when features are few.
    case newtonCholesky = "newton-cholesky"
    /// Stochastic average gradient with a proximal step: any penalty, including L1 and elastic net.
    case saga
}

/// The older spelling of the penalty (scikit-learn < 1.8's `penalty=`), mapped onto `C` and `l1Ratio`.
public enum LogisticPenalty: String, Sendable, CaseIterable {
    /// Ridge: `l1Ratio = 0`.
    case l2
    /// Lasso: `l1Ratio = 1`.
    case l1
    /// Elastic net: `0 < l1Ratio < 1`.
    case elasticnet
    /// No penalty: `C = ∞`.
    case none
}

/// Per-class weights multiplying each sample's loss (scikit-learn's `class_weight=`).
public enum ClassWeight: Sendable, Equatable {
    /// `nSamples / (nClasses · count(class))`, so every class weighs the same in total.
    case balanced
    /// Explicit weights by class label; classes not listed weigh 1.
    case weights([Int: Double])

    /// Each sample's class weight.
    func sampleFactors(_ y: [Int], classes: [Int], sampleWeight: [Double]?) throws -> [Double] {
        switch self {
        case let .weights(table):
            if let unknown = table.keys.sorted().first(where: { !classes.contains($0) }) {
                throw LearnError.invalidParameter(name: "classWeight", expected: "weights for the classes \(classes)", got: "class \(unknown)")
            }
            return y.map { table[$0] ?? 1 }
        case .balanced:
            var totals = [Int: Double]()
            for (i, label) in y.enumerated() { totals[label, default: 0] += sampleWeight?[i] ?? 1 }
            let total = totals.values.reduce(0, +)
            return y.map { total / (Double(classes.count) * (totals[$0] ?? 1)) }
        }
    }
}
