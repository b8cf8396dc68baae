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

    /// The table of `label, weight, label, weight, …` (the CLI's `class_weight=0,1,2,0.5`): labels must be
    /// whole numbers in `Int`'s range and distinct, weights finite and >= 0.
    /// - Throws: `LearnError.invalidParameter` naming `classWeight`.
    static func table(fromPairs pairs: [Double]) throws -> [Int: Double] {
        var table = [Int: Double]()
        for start in stride(from: 0, to: pairs.count - 1, by: 2) {
            let label = try Shape.integer(pairs[start], in: Int.min...Int.max, name: "classWeight")
            guard table[label] == nil else {
                throw LearnError.invalidParameter(
                    name: "classWeight", expected: "each class once", got: "class \(label) twice")
            }
            table[label] = pairs[start + 1]
        }
        try Self.weights(table).validate()
        return table
    }

    /// Checks that explicit weights are finite and >= 0 (`fit` calls it, as the property can be set directly).
    func validate() throws {
        guard case let .weights(table) = self else { return }
        if let label = table.keys.sorted().first(where: { table[$0].map { !$0.isFinite || $0 < 0 } ?? false }) {
            throw LearnError.invalidParameter(
                name: "classWeight", expected: "finite weights >= 0", got: "\(table[label] ?? 0) for class \(label)")
        }
    }

    /// Each sample's class weight.
    func sampleFactors(_ y: [Int], classes: [Int], sampleWeight: [Double]?) throws -> [Double] {
        switch self {
        case let .weights(table):
            if let unknown = table.keys.sorted().first(where: { !classes.contains($0) }) {
                throw LearnError.invalidParameter(
                    name: "classWeight", expected: "weights for the classes \(classes)", got: "class \(unknown)")
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
