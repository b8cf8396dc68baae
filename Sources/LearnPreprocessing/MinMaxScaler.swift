import LearnCore

/// Scales each feature linearly into `featureRange` (default 0…1), as scikit-learn's `MinMaxScaler`:
/// `x · scale + min`, where a constant feature gets a scale of `high − low` over a range of 1.
public struct MinMaxScaler: InvertibleTransformer, Equatable {
    /// `"MinMaxScaler"`.
    public static let estimatorName = "MinMaxScaler"

    /// The target interval `(low, high)`, `low < high`.
    public var featureRange: (Double, Double)
    /// Clip transformed values of new data into `featureRange`.
    public var clip: Bool

    /// Per-feature minimum seen in `fit` (`data_min_`).
    public internal(set) var dataMin: [Double]?
    /// Per-feature maximum (`data_max_`).
    public internal(set) var dataMax: [Double]?
    /// `dataMax − dataMin` (`data_range_`).
    public internal(set) var dataRange: [Double]?
    /// Per-feature multiplier (`scale_`).
    public internal(set) var scale: [Double]?
    /// Per-feature offset added after scaling (`min_`).
    public internal(set) var min: [Double]?

    /// Creates an unfitted scaler.
    public init(featureRange: (Double, Double) = (0, 1), clip: Bool = false) {
        self.featureRange = featureRange
        self.clip = clip
    }

    /// Equal when parameters and fitted values are equal.
    public static func == (a: MinMaxScaler, b: MinMaxScaler) -> Bool {
        a.featureRange == b.featureRange && a.clip == b.clip && a.scale == b.scale && a.min == b.min
            && a.dataMin == b.dataMin && a.dataMax == b.dataMax
    }

    /// `featureRange` (two numbers) and `clip` by name.
    public var parameters: [String: ParameterValue] {
        ["featureRange": .doubles([featureRange.0, featureRange.1]), "clip": .bool(clip)]
    }

    /// Sets `featureRange` or `clip` by name.
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "featureRange":
            guard case let .doubles(bounds) = value, bounds.count == 2 else {
                throw LearnError.invalidParameter(name: name, expected: "two numbers low,high", got: value.description)
            }
            featureRange = (bounds[0], bounds[1])
        case "clip": clip = try value.bool(name)
        default: throw unknownParameter(name)
        }
    }

    /// Learns each feature's minimum and maximum.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` when `featureRange` is not
    ///   increasing; empty or non-finite input errors.
    public mutating func fit(_ X: Matrix<Double>) throws {
        let (low, high) = featureRange
        guard low < high && low.isFinite && high.isFinite else {
            throw LearnError.invalidParameter(name: "featureRange", expected: "low < high", got: "(\(low), \(high))")
        }
        try ScalerInput.check(X, "MinMaxScaler.fit")
        let lows = try X.min(axis: 0), highs = try X.max(axis: 0)
        let ranges = zip(highs, lows).map { $0 - $1 }
        let scales = ScalerInput.handleZeros(ranges).map { (high - low) / $0 }
        (dataMin, dataMax, dataRange, scale) = (lows, highs, ranges, scales)
        min = zip(lows, scales).map { low - $0 * $1 }
    }

    /// `x · scale + min`, clipped into `featureRange` when `clip` is on.
    public func transform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard let scale, let min else { throw LearnError.notFitted(type: Self.estimatorName) }
        try ScalerInput.checkColumns(X, scale.count, "MinMaxScaler.transform")
        let y = try X * scale + min
        return clip ? try y.clipped(lower: featureRange.0, upper: featureRange.1) : y
    }

    /// `(y − min) / scale`.
    public func inverseTransform(_ X: Matrix<Double>) throws -> Matrix<Double> {
        guard let scale, let min else { throw LearnError.notFitted(type: Self.estimatorName) }
        try ScalerInput.checkColumns(X, scale.count, "MinMaxScaler.inverseTransform")
        return try (X - min) / scale
    }
}
