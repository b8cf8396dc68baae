import LearnCore
import LearnHDF5

extension LogisticRegression: PersistableEstimator {
    /// An unfitted model with scikit-learn's defaults.
    public init() { self.init(C: 1.0) }

    /// Whether `fit` has run.
    public var isFitted: Bool { coef != nil }

    /// Datasets `coef` (rows × features), `intercept`, `classes` (int64), `n_iter`.
    public func writeFitted(to group: HDF5Group) throws {
        guard let coef else { throw LearnError.notFitted(type: Self.estimatorName) }
        try group.write(coef, to: "coef")
        try group.write(intercept, shape: [intercept.count], to: "intercept")
        try group.write(classes.map(Int64.init), shape: [classes.count], to: "classes")
        try group.write([Int64(nIter)], shape: [], to: "n_iter")
    }

    /// Reads and checks the arrays written by ``writeFitted(to:)``.
    public mutating func readFitted(from group: HDF5Group) throws {
        let (classShape, storedClasses) = try group.read(Int64.self, from: "classes")
        let labels = storedClasses.map { Int($0) }
        guard classShape.count == 1, labels.count >= 2, labels == Array(Set(labels)).sorted() else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "classes must be at least two distinct sorted labels, got \(labels)")
        }
        let rows = labels.count == 2 ? 1 : labels.count
        let info = try group.datasetInfo("coef")
        guard info.shape.count == 2, info.shape[0] == rows, info.shape[1] >= 1 else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "coef has shape \(info.shape), expected [\(rows), features]")
        }
        let weights = try group.readFinite("coef", shape: info.shape)
        intercept = try group.readFinite("intercept", shape: [rows])
        coef = try Matrix(rows: rows, columns: info.shape[1], scalars: weights)
        classes = labels
        nIter = Int(try group.read(Int64.self, from: "n_iter", shape: []).first ?? 0)
    }
}

extension LinearRegression: PersistableEstimator, PersistableLinearRegressor {
    /// An unfitted model with an intercept.
    public init() { self.init(fitIntercept: true) }
}

extension Ridge: PersistableEstimator, PersistableLinearRegressor {
    /// An unfitted model with `alpha` 1.
    public init() { self.init(alpha: 1.0) }
}

extension SGDRegressor: PersistableEstimator, PersistableLinearRegressor {
    /// An unfitted model with scikit-learn's defaults.
    public init() { self.init(alpha: 0.0001) }

    /// Datasets `coef`, `intercept` (scalar), `n_iter`.
    public func writeFitted(to group: HDF5Group) throws {
        try writeCoefficients(to: group)
        try group.write([Int64(nIter)], shape: [], to: "n_iter")
    }

    /// Reads `coef`, `intercept`, `n_iter`.
    public mutating func readFitted(from group: HDF5Group) throws {
        try readCoefficients(from: group)
        nIter = Int(try group.read(Int64.self, from: "n_iter", shape: []).first ?? 0)
    }
}

/// A ``LinearRegressor`` whose file holds just `coef` and `intercept` (plus whatever the type adds).
protocol PersistableLinearRegressor: LinearRegressor, PersistableEstimator {}

extension PersistableLinearRegressor {
    /// Whether `fit` has run.
    public var isFitted: Bool { coef != nil }

    /// Datasets `coef`, `intercept` (scalar).
    public func writeFitted(to group: HDF5Group) throws { try writeCoefficients(to: group) }

    /// Reads `coef` and `intercept`.
    public mutating func readFitted(from group: HDF5Group) throws { try readCoefficients(from: group) }

    /// Writes `coef` (a vector) and `intercept` (a scalar).
    func writeCoefficients(to group: HDF5Group) throws {
        guard let coef else { throw LearnError.notFitted(type: Self.estimatorName) }
        try group.write(coef, shape: [coef.count], to: "coef")
        try group.write([intercept], shape: [], to: "intercept")
    }

    /// Reads and checks `coef` (non-empty, finite) and `intercept`.
    mutating func readCoefficients(from group: HDF5Group) throws {
        let weights = try group.readFiniteVector("coef")
        guard !weights.isEmpty else { throw LearnError.corruptFile(path: group.file.path, reason: "coef is empty") }
        let stored = try group.readFinite("intercept", shape: [])
        (coef, intercept) = (weights, stored.first ?? 0)
    }
}
