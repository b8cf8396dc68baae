import LearnCore
import LearnMetrics

/// A named score of a fitted estimator on data, higher is better — scikit-learn's `scoring=` strings.
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// <!-- doctest: given let model = LogisticRegression() -->
/// ```swift
/// try crossValScore(model, X, y, scoring: .f1Macro)
/// ```
public struct Scorer<Model: SupervisedEstimator>: Sendable {
    /// scikit-learn's name for the score (`"accuracy"`, `"neg_mean_squared_error"`).
    public let name: String
    private let body: @Sendable (Model, Matrix<Double>, [Model.Target]) throws -> Double

    /// A custom scorer.
    public init(name: String, _ body: @escaping @Sendable (Model, Matrix<Double>, [Model.Target]) throws -> Double) {
        self.name = name
        self.body = body
    }

    /// The score of `model` on `(X, y)`.
    public func callAsFunction(_ model: Model, _ X: Matrix<Double>, _ y: [Model.Target]) throws -> Double {
        try body(model, X, y)
    }

    /// The estimator's own `SupervisedEstimator/score(_:_:)` (accuracy or R²).
    public static var estimatorScore: Scorer {
        Scorer(name: "score") { model, X, y in try model.score(X, y) }
    }
}

extension Scorer where Model: Classifier {
    /// The fraction of correct predictions.
    public static var accuracy: Scorer { predictions("accuracy") { try accuracyScore($0, $1) } }
    /// Binary precision of class 1.
    public static var precision: Scorer { predictions("precision") { try precisionScore($0, $1) } }
    /// Binary recall of class 1.
    public static var recall: Scorer { predictions("recall") { try recallScore($0, $1) } }
    /// Binary F1 of class 1.
    public static var f1: Scorer { predictions("f1") { try f1Score($0, $1) } }
    /// Macro-averaged F1.
    public static var f1Macro: Scorer { predictions("f1_macro") { try f1Score($0, $1, average: .macro) } }
    /// Micro-averaged F1.
    public static var f1Micro: Scorer { predictions("f1_micro") { try f1Score($0, $1, average: .micro) } }
    /// Support-weighted F1.
    public static var f1Weighted: Scorer { predictions("f1_weighted") { try f1Score($0, $1, average: .weighted) } }
    /// Macro-averaged precision.
    public static var precisionMacro: Scorer {
        predictions("precision_macro") { try precisionScore($0, $1, average: .macro) }
    }
    /// Macro-averaged recall.
    public static var recallMacro: Scorer { predictions("recall_macro") { try recallScore($0, $1, average: .macro) } }
    /// ROC AUC of the probability of the larger class (binary problems).
    public static var rocAuc: Scorer {
        Scorer(name: "roc_auc") { model, X, y in
            let proba = try model.predictProba(X)
            guard proba.columns == 2 else {
                throw LearnError.invalidParameter(
                    name: "scoring", expected: "a binary problem for roc_auc (use rocAucOvr)",
                    got: "\(proba.columns) classes")
            }
            return try rocAucScore(y, try proba.column(1))
        }
    }
    /// One-vs-rest macro ROC AUC over `Classifier/predictProba(_:)` (multiclass).
    public static var rocAucOvr: Scorer {
        Scorer(name: "roc_auc_ovr") { model, X, y in
            try rocAucScore(y, try model.predictProba(X), labels: model.classes)
        }
    }
    /// The negated log loss of `Classifier/predictProba(_:)`.
    public static var negLogLoss: Scorer {
        Scorer(name: "neg_log_loss") { model, X, y in
            -(try logLoss(y, try model.predictProba(X), labels: model.classes))
        }
    }

    private static func predictions(_ name: String, _ metric: @escaping @Sendable ([Int], [Int]) throws -> Double)
        -> Scorer
    {
        Scorer(name: name) { model, X, y in try metric(y, try model.predict(X)) }
    }
}

extension Scorer where Model: Regressor {
    /// The coefficient of determination.
    public static var r2: Scorer { Scorer(name: "r2") { model, X, y in try r2Score(y, try model.predict(X)) } }
    /// The negated mean squared error.
    public static var negMeanSquaredError: Scorer {
        Scorer(name: "neg_mean_squared_error") { model, X, y in -(try meanSquaredError(y, try model.predict(X))) }
    }
    /// The negated mean absolute error.
    public static var negMeanAbsoluteError: Scorer {
        Scorer(name: "neg_mean_absolute_error") { model, X, y in -(try meanAbsoluteError(y, try model.predict(X))) }
    }
}
