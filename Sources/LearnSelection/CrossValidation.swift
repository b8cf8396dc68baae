import Foundation
import LearnCore

/// Per-fold results of `crossValidate(_:_:_:cv:scoring:returnTrainScore:)`.
public struct CrossValidationResult: Sendable {
    /// Test scores by scorer name, one per fold (`test_<name>` in scikit-learn).
    public var testScores: [String: [Double]]
    /// Training scores by scorer name, when requested (`train_<name>`).
    public var trainScores: [String: [Double]]?
    /// Seconds spent in `fit`, per fold.
    public var fitTime: [Double]
    /// Seconds spent scoring the test fold, per fold.
    public var scoreTime: [Double]
}

/// Fits a copy of `estimator` on each training fold and scores it on the held-out fold —
/// scikit-learn's `cross_validate`.
/// Arguments:
///   - `cv`: the splitter; see ``crossValScore(_:_:_:cv:scoring:)-(_,_,_,Int,_)`` for the integer form.
///   - `scoring`: one or more scorers; default the estimator's own score.
/// - Throws: the splitter's and the estimator's errors; `LearnError/shapeMismatch(operation:expected:got:)`
///   when `X` and `y` differ in length.
public func crossValidate<Model: SupervisedEstimator>(
    _ estimator: Model, _ X: Matrix<Double>, _ y: [Model.Target], cv: some CrossValidator,
    scoring: [Scorer<Model>] = [.estimatorScore], returnTrainScore: Bool = false
) throws -> CrossValidationResult {
    guard X.rows == y.count else {
        throw LearnError.shapeMismatch(
            operation: "crossValidate", expected: "y with \(X.rows) targets", got: "\(y.count)")
    }
    guard !scoring.isEmpty else {
        throw LearnError.invalidParameter(name: "scoring", expected: "at least one scorer", got: "[]")
    }
    let splits = try cv.split(nSamples: X.rows, y: stratificationLabels(y))
    var result = CrossValidationResult(
        testScores: [:], trainScores: returnTrainScore ? [:] : nil, fitTime: [], scoreTime: [])
    for fold in splits {
        var model = estimator
        let (xTrain, xTest) = (try X.rows(at: fold.train), try X.rows(at: fold.test))
        let (yTrain, yTest) = (fold.train.map { y[$0] }, fold.test.map { y[$0] })
        let fitStart = DispatchTime.now()
        try model.fit(xTrain, yTrain)
        let scoreStart = DispatchTime.now()
        for scorer in scoring { result.testScores[scorer.name, default: []].append(try scorer(model, xTest, yTest)) }
        let scoreEnd = DispatchTime.now()
        if returnTrainScore {
            for scorer in scoring {
                result.trainScores?[scorer.name, default: []].append(try scorer(model, xTrain, yTrain))
            }
        }
        result.fitTime.append(Double(scoreStart.uptimeNanoseconds - fitStart.uptimeNanoseconds) / 1e9)
        result.scoreTime.append(Double(scoreEnd.uptimeNanoseconds - scoreStart.uptimeNanoseconds) / 1e9)
    }
    return result
}

/// One score per fold — scikit-learn's `cross_val_score`.
public func crossValScore<Model: SupervisedEstimator>(
    _ estimator: Model, _ X: Matrix<Double>, _ y: [Model.Target], cv: some CrossValidator,
    scoring: Scorer<Model> = .estimatorScore
) throws -> [Double] {
    try crossValidate(estimator, X, y, cv: cv, scoring: [scoring]).testScores[scoring.name] ?? []
}

/// `crossValScore(_:_:_:cv:scoring:)` on a splitter, with `cv` folds: stratified
/// for classifiers, plain K-fold otherwise, neither shuffled (scikit-learn's `cv=int`).
public func crossValScore<Model: SupervisedEstimator>(
    _ estimator: Model, _ X: Matrix<Double>, _ y: [Model.Target], cv: Int = 5, scoring: Scorer<Model> = .estimatorScore
) throws -> [Double] {
    if estimator is any Classifier {
        return try crossValScore(estimator, X, y, cv: StratifiedKFold(nSplits: cv), scoring: scoring)
    }
    return try crossValScore(estimator, X, y, cv: KFold(nSplits: cv), scoring: scoring)
}

/// ``crossValidate(_:_:_:cv:scoring:returnTrainScore:)`` with `cv` folds (stratified for classifiers).
public func crossValidate<Model: SupervisedEstimator>(
    _ estimator: Model, _ X: Matrix<Double>, _ y: [Model.Target], cv: Int = 5,
    scoring: [Scorer<Model>] = [.estimatorScore], returnTrainScore: Bool = false
) throws -> CrossValidationResult {
    if estimator is any Classifier {
        return try crossValidate(
            estimator, X, y, cv: StratifiedKFold(nSplits: cv), scoring: scoring, returnTrainScore: returnTrainScore)
    }
    return try crossValidate(
        estimator, X, y, cv: KFold(nSplits: cv), scoring: scoring, returnTrainScore: returnTrainScore)
}

/// Class labels for stratified splitters: integer targets are labels; real-valued targets are not.
private func stratificationLabels<T>(_ y: [T]) -> [Int]? { y.asIntegers }
