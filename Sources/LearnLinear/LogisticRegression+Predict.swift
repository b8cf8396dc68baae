import LearnCore

extension LogisticRegression {
    /// The logits `X Wᵀ + b`: one column for binary problems (the positive class's score), one per
    /// class otherwise (scikit-learn's `decision_function`).
    /// - Throws: `LearnError/notFitted(type:)`, or shape / non-finite errors.
    public func decisionFunction(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard let coef else { throw LearnError.notFitted(type: Self.estimatorName) }
        guard X.columns == coef.columns else {
            throw LearnError.shapeMismatch(
                operation: "LogisticRegression.predict", expected: "\(coef.columns) features (as in fit)",
                got: "\(X.columns)")
        }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: "LogisticRegression.predict") }
        return try matmul(X, coef, transposeB: true) + intercept
    }

    /// Class probabilities, one column per class in ``classes`` order.
    public func predictProba(_ X: Matrix<Double>) throws -> Matrix<Double> {
        let scores = try decisionFunction(X)
        if scores.columns == 1 {
            let positive = scores.sigmoid()
            return try Matrix.concatenate([1.0 - positive, positive], axis: 1)
        }
        return try scores.softmax(axis: 1)
    }

    /// Log-probabilities, computed stably (no `log(0)` for confident predictions).
    public func predictLogProba(_ X: Matrix<Double>) throws -> Matrix<Double> {
        let scores = try decisionFunction(X)
        if scores.columns == 1 {
            // log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z).
            let negative = (0.0 - scores).applying(.softplus)
            let positive = scores.applying(.softplus)
            return try Matrix.concatenate([0.0 - positive, 0.0 - negative], axis: 1)
        }
        return try scores.logSoftmax(axis: 1)
    }

    /// The most probable class of each row.
    public func predict(_ X: Matrix<Double>) throws -> [Int] {
        let scores = try decisionFunction(X)
        if scores.columns == 1 { return scores.scalars.map { $0 > 0 ? classes[1] : classes[0] } }
        return try scores.argmax(axis: 1).map { classes[$0] }
    }
}
