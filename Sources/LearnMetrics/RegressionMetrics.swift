import Foundation
import LearnCore

/// The mean of squared errors, scikit-learn's `mean_squared_error`.
/// - Throws: `LearnError` for different lengths, no samples, non-finite values or bad weights.
public func meanSquaredError(_ yTrue: [Double], _ yPred: [Double], sampleWeight: [Double]? = nil) throws -> Double {
    try RegressionInputs(yTrue, yPred, sampleWeight, "meanSquaredError").average { ($0 - $1) * ($0 - $1) }
}

/// The mean of absolute errors, scikit-learn's `mean_absolute_error`.
public func meanAbsoluteError(_ yTrue: [Double], _ yPred: [Double], sampleWeight: [Double]? = nil) throws -> Double {
    try RegressionInputs(yTrue, yPred, sampleWeight, "meanAbsoluteError").average { Swift.abs($0 - $1) }
}

/// The coefficient of determination R², scikit-learn's `r2_score`: 1 is perfect; a constant `yTrue`
/// gives 1 for a perfect prediction and 0 otherwise (scikit-learn's `force_finite=True`).
/// - Throws: `LearnError` for different lengths, non-finite values, bad weights, or fewer than two
///   samples (R² is not defined there; scikit-learn returns NaN with a warning).
public func r2Score(_ yTrue: [Double], _ yPred: [Double], sampleWeight: [Double]? = nil) throws -> Double {
    let inputs = try RegressionInputs(yTrue, yPred, sampleWeight, "r2Score")
    guard yTrue.count >= 2 else {
        throw LearnError.invalidParameter(
            name: "yTrue", expected: "at least 2 samples for r2Score (scikit-learn returns NaN)", got: "1")
    }
    let weights = sampleWeight ?? [Double](repeating: 1, count: yTrue.count)
    let mean = zip(yTrue, weights).reduce(0.0) { $0 + $1.0 * $1.1 } / inputs.weightTotal
    var residual = 0.0, totalSquares = 0.0
    for i in yTrue.indices {
        residual += weights[i] * (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i])
        totalSquares += weights[i] * (yTrue[i] - mean) * (yTrue[i] - mean)
    }
    if totalSquares == 0 { return residual == 0 ? 1 : 0 }
    return 1 - residual / totalSquares
}

/// Validated targets and predictions of a regression metric.
private struct RegressionInputs {
    let yTrue: [Double], yPred: [Double], weights: [Double]?
    let weightTotal: Double

    init(_ yTrue: [Double], _ yPred: [Double], _ weights: [Double]?, _ metric: String) throws {
        try MetricValidation.sameLength(yTrue.count, yPred.count, metric)
        try MetricValidation.notEmpty(yTrue.count, metric)
        try MetricValidation.finite(yTrue, metric)
        try MetricValidation.finite(yPred, metric)
        try MetricValidation.weights(weights, count: yTrue.count, metric)
        let total = weights?.reduce(0, +) ?? Double(yTrue.count)
        guard total > 0 else { throw MetricValidation.zeroWeightTotal }
        (self.yTrue, self.yPred, self.weights, self.weightTotal) = (yTrue, yPred, weights, total)
    }

    func average(_ loss: (Double, Double) -> Double) -> Double {
        var total = 0.0
        for i in yTrue.indices { total += (weights?[i] ?? 1) * loss(yTrue[i], yPred[i]) }
        return total / weightTotal
    }
}
