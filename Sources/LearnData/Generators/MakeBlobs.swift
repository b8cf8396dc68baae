import LearnCore

/// Isotropic Gaussian blobs, exactly as scikit-learn's `make_blobs(..., return_centers=True)`.
///
/// ```swift
/// // make_blobs(n_samples=300, centers=4, cluster_std=0.6, random_state=0)
/// let (X, y, centers) = try makeBlobs(nSamples: 300, centers: 4, clusterStd: 0.6, randomState: 0)
/// ```
///
/// Arguments:
///   - `nSamples`: the total, split as evenly as possible (the first `nSamples % centers` get one more).
///   - `centers`: how many centers to draw uniformly inside `centerBox` (`nil` = 3, as scikit-learn).
///   - `clusterStd`: one standard deviation, or one per center.
/// - Returns: the points, their center index, and the centers (`centers × nFeatures`).
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for counts below 1, a negative or
///   wrongly sized `clusterStd`, or an empty `centerBox`.
///   `LearnError/resourceLimit(operation:needed:limit:)` when `X` would exceed `ResourceLimits.standard`.
public func makeBlobs(
    nSamples: Int = 100, nFeatures: Int = 2, centers: Int? = nil, clusterStd: GeneratorParameter = 1.0,
    centerBox: (Double, Double) = (-10.0, 10.0), shuffle: Bool = true, randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Int], centers: Matrix<Double>) {
    try GeneratorValidation.atLeast(1, nSamples, "nSamples")
    let count = centers ?? 3
    try GeneratorValidation.atLeast(1, count, "centers")
    try GeneratorValidation.atLeast(1, nFeatures, "nFeatures")
    try Shape.checkArray([count, nFeatures], scalarSize: 8, operation: "makeBlobs centers")
    try Shape.checkArray([nSamples, nFeatures], scalarSize: 8, operation: "makeBlobs")
    return try makeBlobs(
        nSamplesPerCenter: BlobLayout.evenCounts(nSamples, over: count), nFeatures: nFeatures,
        clusterStd: clusterStd, centerBox: centerBox, shuffle: shuffle, randomState: randomState)
}

/// Blobs around the given `centers` (one per row), as `make_blobs(centers=array)`: no center draws,
/// `nFeatures` comes from the centers.
public func makeBlobs(
    nSamples: Int = 100, centers: Matrix<Double>, clusterStd: GeneratorParameter = 1.0,
    shuffle: Bool = true, randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Int], centers: Matrix<Double>) {
    try GeneratorValidation.atLeast(1, nSamples, "nSamples")
    try GeneratorValidation.atLeast(1, centers.rows, "centers")
    var g = try RandomState.from(randomState)
    return try BlobLayout(
        counts: BlobLayout.evenCounts(nSamples, over: centers.rows), centers: centers, clusterStd: clusterStd
    )
    .generate(shuffle: shuffle, using: &g)
}

/// Blobs with an explicit number of samples per center (`make_blobs(n_samples=[…])`); the
/// centers are drawn uniformly inside `centerBox`.
public func makeBlobs(
    nSamplesPerCenter: [Int], nFeatures: Int = 2, clusterStd: GeneratorParameter = 1.0,
    centerBox: (Double, Double) = (-10.0, 10.0), shuffle: Bool = true, randomState: Int? = nil
) throws -> (X: Matrix<Double>, y: [Int], centers: Matrix<Double>) {
    try GeneratorValidation.atLeast(1, nSamplesPerCenter.count, "nSamplesPerCenter.count")
    try GeneratorValidation.atLeast(1, nFeatures, "nFeatures")
    try Shape.checkArray([nSamplesPerCenter.count, nFeatures], scalarSize: 8, operation: "makeBlobs centers")
    var g = try RandomState.from(randomState)
    let drawn = try g.uniform(low: centerBox.0, high: centerBox.1, count: nSamplesPerCenter.count * nFeatures)
    let centers = try Matrix(rows: nSamplesPerCenter.count, columns: nFeatures, scalars: drawn)
    return try BlobLayout(counts: nSamplesPerCenter, centers: centers, clusterStd: clusterStd).generate(
        shuffle: shuffle, using: &g)
}

/// The validated layout of one `makeBlobs` call.
struct BlobLayout {
    let counts: [Int]
    let centers: Matrix<Double>
    let deviations: [Double]

    init(counts: [Int], centers: Matrix<Double>, clusterStd: GeneratorParameter) throws {
        if let bad = counts.first(where: { $0 < 0 }) {
            throw LearnError.invalidParameter(name: "nSamplesPerCenter", expected: "counts >= 0", got: "\(bad)")
        }
        let total = try Shape.total(counts, operation: "makeBlobs")
        try Shape.checkArray([total, centers.columns], scalarSize: 8, operation: "makeBlobs")
        guard centers.isFinite else { throw LearnError.nonFiniteInput(operation: "makeBlobs centers") }
        guard let deviations = try clusterStd.resolved(count: centers.rows, name: "clusterStd") else {
            throw LearnError.invalidParameter(
                name: "clusterStd", expected: "a number or one number per center", got: ".random")
        }
        for std in deviations { try GeneratorValidation.nonNegative(std, "clusterStd") }
        (self.counts, self.centers, self.deviations) = (counts, centers, deviations)
    }

    /// `n / m` per center, the first `n % m` centers one more.
    static func evenCounts(_ n: Int, over m: Int) -> [Int] {
        (0..<m).map { n / m + ($0 < n % m ? 1 : 0) }
    }

    /// Draws each center's points in order (`normal(loc=center, scale=std)`), then shuffles rows.
    func generate(shuffle: Bool, using g: inout RandomState) throws -> (
        X: Matrix<Double>, y: [Int], centers: Matrix<Double>
    ) {
        let f = centers.columns
        var x: [Double] = []
        var y: [Int] = []
        x.reserveCapacity(counts.reduce(0, +) * f)
        for (i, count) in counts.enumerated() {
            let center = try centers.row(i)
            for _ in 0..<count {
                for c in 0..<f { x.append(center[c] + deviations[i] * g.standardNormal()) }
                y.append(i)
            }
        }
        var X = try Matrix(rows: y.count, columns: f, scalars: x)
        if shuffle { (X, y) = shuffledRows(X, y, using: &g) }
        return (X, y, centers)
    }
}

/// scikit-learn's `utils.shuffle(X, y)`: one permutation applied to the rows of both.
func shuffledRows<T>(_ x: Matrix<Double>, _ y: [T], using g: inout RandomState) -> (Matrix<Double>, [T]) {
    var order = Array(0..<x.rows)
    g.shuffle(&order)
    // Indices come from a permutation of 0..<rows, so the gather cannot fail.
    let rows = (try? x.rows(at: order)) ?? x
    return (rows, order.map { y[$0] })
}
