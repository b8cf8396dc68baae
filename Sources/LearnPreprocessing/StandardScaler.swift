import LearnCore

/// Standardises features to zero mean and unit variance, as scikit-learn's `StandardScaler`:
/// `z = (x − mean) / scale`, where `scale` is the population standard deviation and constant
/// columns keep a scale of 1 (they are centred, not blown up).
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// <!-- doctest: given let split = try trainTestSplit(X, y, randomState: 0) -->
/// ```swift
/// var scaler = StandardScaler()
/// let xTrain = try scaler.fitTransform(split.xTrain)
/// let xTest = try scaler.transform(split.xTest)
/// ```
public struct StandardScaler: InvertibleTransformer, Equatable {
    /// `"StandardScaler"`.
    public static let estimatorName = "StandardScaler"

    /// Centre the data (scikit-learn's `with_mean`).
    public var withMean: Bool
    /// Scale to unit variance (scikit-learn's `with_std`).
    public var withStd: Bool

    /// Per-feature means seen in `fit` (`mean_`); `nil` before fitting or when neither option is on.
    public internal(set) var mean: [Double]?
    /// Per-feature population variances (`var_`); `nil` unless `withStd`.
    public internal(set) var variance: [Double]?
    /// Per-feature divisors (`scale_`): the standard deviations, 1 for constant features; `nil` unless `withStd`.
    public internal(set) var scale: [Double]?
    /// Rows seen in `fit` (`n_samples_seen_`).
    public internal(set) var nSamplesSeen = 0
    /// Features seen in `fit` (`n_features_in_`).
    public internal(set) var nFeaturesIn = 0

    /// Creates an unfitted scaler.
    public init(withMean: Bool = true, withStd: Bool = true) {
        self.withMean = withMean
        self.withStd = withStd
    }

    /// `withMean` and `withStd` by name.
    public var parameters: [String: ParameterValue] { ["withMean": .bool(withMean), "withStd": .bool(withStd)] }

    /// Sets `withMean` or `withStd` by name.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "withMean": withMean = try value.bool(name)
        case "withStd": withStd = try value.bool(name)
        default: throw unknownParameter(name)
        }
    }

    /// Learns per-feature mean and variance (two-pass with scikit-learn's correction term).
    /// - Throws: `LearnError/emptyInput(operation:)` or `LearnError/nonFiniteInput(operation:)`.
    public mutating func fit(_ X: Matrix<Double>) throws {
        try ScalerInput.check(X, "StandardScaler.fit")
        let n = Double(X.rows)
        let means = try X.mean(axis: 0)
        var variances = [Double](repeating: 0, count: X.columns)
        if withStd {
            // Σ(x − m)² − (Σ(x − m))² / n, divided by n: scikit-learn's `_incremental_mean_and_var`.
            let centred = try X - means
            let squares = try centred.squared().sum(axis: 0)
            let corrections = try centred.sum(axis: 0)
            variances = variances.indices.map { (squares[$0] - corrections[$0] * corrections[$0] / n) / n }
        }
        nSamplesSeen = X.rows
        nFeaturesIn = X.columns
        mean = withMean || withStd ? means : nil
        variance = withStd ? variances : nil
        scale =
            withStd
            ? ScalerInput.handleZeros(
                variances.map { $0.squareRoot() },
                constant: variances.indices.map { j in
                    // scikit-learn's `_is_constant_feature`: variance within rounding of zero.
                    let eps = Double.ulpOfOne
                    let bound = n * eps * variances[j] + (n * means[j] * eps) * (n * means[j] * eps)
                    return variances[j] <= bound
                }) : nil
    }

    /// `(x − mean) / scale` with the fitted statistics.
    /// - Throws: `LearnError/notFitted(type:)`, or a shape / non-finite error.
    public func transform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard nFeaturesIn > 0 else { throw LearnError.notFitted(type: Self.estimatorName) }
        try ScalerInput.checkColumns(X, nFeaturesIn, "StandardScaler.transform")
        var z = X
        if withMean, let mean { z = try z - mean }
        if let scale { z = try z / scale }
        return z
    }

    /// `z · scale + mean`.
    public func inverseTransform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard nFeaturesIn > 0 else { throw LearnError.notFitted(type: Self.estimatorName) }
        try ScalerInput.checkColumns(X, nFeaturesIn, "StandardScaler.inverseTransform")
        var x = X
        if let scale { x = try x * scale }
        if withMean, let mean { x = try x + mean }
        return x
    }
}
