import LearnCore
import LearnHDF5

extension StandardScaler: PersistableEstimator {
    /// An unfitted scaler with default options.
    public init() { self.init(withMean: true, withStd: true) }

    /// Whether `fit` has run.
    public var isFitted: Bool { nFeaturesIn > 0 }

    /// Datasets `mean`, `var`, `scale` (when present), `n_samples_seen`, `n_features_in`.
    public func writeFitted(to group: HDF5Group) throws {
        if let mean { try group.write(mean, shape: [mean.count], to: "mean") }
        if let variance { try group.write(variance, shape: [variance.count], to: "var") }
        if let scale { try group.write(scale, shape: [scale.count], to: "scale") }
        try group.write([Int64(nSamplesSeen), Int64(nFeaturesIn)], shape: [2], to: "n_samples_seen_and_features")
    }

    /// Reads and checks the statistics for the stored options.
    public mutating func readFitted(from group: HDF5Group) throws {
        let counts = try group.read(Int64.self, from: "n_samples_seen_and_features", shape: [2])
        let features = Int(counts[1])
        guard counts[0] >= 1, features >= 1 else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "n_samples_seen_and_features must be positive, got \(counts)")
        }
        mean = withMean || withStd ? try group.readFinite("mean", shape: [features]) : nil
        variance = withStd ? try group.readFinite("var", shape: [features]) : nil
        scale = withStd ? try group.readFinite("scale", shape: [features]) : nil
        if let scale, scale.contains(where: { $0 <= 0 }) {
            throw LearnError.corruptFile(path: group.file.path, reason: "scale must be positive")
        }
        (nSamplesSeen, nFeaturesIn) = (Int(counts[0]), features)
    }
}

extension MinMaxScaler: PersistableEstimator {
    /// An unfitted scaler with the default range 0…1.
    public init() { self.init(featureRange: (0, 1), clip: false) }

    /// Whether `fit` has run.
    public var isFitted: Bool { scale != nil }

    /// Datasets `data_min`, `data_max`, `data_range`, `scale`, `min`.
    public func writeFitted(to group: HDF5Group) throws {
        guard let dataMin, let dataMax, let dataRange, let scale, let min else {
            throw LearnError.notFitted(type: Self.estimatorName)
        }
        for (name, values) in [
            ("data_min", dataMin), ("data_max", dataMax), ("data_range", dataRange), ("scale", scale), ("min", min)
        ] {
            try group.write(values, shape: [values.count], to: name)
        }
    }

    /// Reads and checks the five per-feature arrays.
    public mutating func readFitted(from group: HDF5Group) throws {
        let scale = try group.readFiniteVector("scale")
        guard !scale.isEmpty else { throw LearnError.corruptFile(path: group.file.path, reason: "scale is empty") }
        let shape = [scale.count]
        (dataMin, dataMax, dataRange) = (
            try group.readFinite("data_min", shape: shape), try group.readFinite("data_max", shape: shape),
            try group.readFinite("data_range", shape: shape)
        )
        self.min = try group.readFinite("min", shape: shape)
        self.scale = scale
    }
}

extension LabelEncoder: PersistableEstimator {
    /// Whether `fit` has run.
    public var isFitted: Bool { !classes.isEmpty }

    /// Dataset `classes`: int64 for integer labels, strings for string labels.
    public func writeFitted(to group: HDF5Group) throws {
        try writeLabels(classes, to: group, name: "classes")
    }

    /// Reads `classes` (which must be distinct and sorted).
    public mutating func readFitted(from group: HDF5Group) throws {
        let labels: [Label] = try readLabels(from: group, name: "classes")
        guard !labels.isEmpty, CodePointKey.isDistinctSorted(labels) else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "classes must be distinct, sorted and not empty")
        }
        try fit(labels)
    }
}

extension OneHotEncoder: PersistableEstimator {
    /// An unfitted encoder that rejects unknown categories.
    public init() { self.init(handleUnknown: .error) }

    /// Whether `fit` has run.
    public var isFitted: Bool { !categories.isEmpty }

    /// Group `categories` with one dataset per input column (`0`, `1`, …).
    public func writeFitted(to group: HDF5Group) throws {
        let folder = try group.createGroup("categories")
        for (column, values) in categories.enumerated() { try writeLabels(values, to: folder, name: "\(column)") }
    }

    /// Reads each column's categories.
    public mutating func readFitted(from group: HDF5Group) throws {
        let folder = try group.group("categories")
        let count = try folder.memberNames().count
        guard count > 0 else { throw LearnError.corruptFile(path: group.file.path, reason: "no categories") }
        let columns: [[Category]] = try (0..<count).map { try readLabels(from: folder, name: "\($0)") }
        guard columns.allSatisfy({ !$0.isEmpty && CodePointKey.isDistinctSorted($0) }) else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "categories must be distinct, sorted and not empty")
        }
        categories = columns
        codes = columns.map { CodePointKey.positions($0) }
    }
}

/// Writes labels as int64, float64 or strings by their type.
private func writeLabels<L>(_ labels: [L], to group: HDF5Group, name: String) throws {
    if let ints = labels as? [Int] {
        try group.write(ints.map(Int64.init), shape: [ints.count], to: name)
    } else if let doubles = labels as? [Double] {
        try group.write(doubles, shape: [doubles.count], to: name)
    } else if let strings = labels as? [String] {
        try group.writeStrings(strings, to: name)
    } else {
        throw LearnError.invalidParameter(
            name: "labels", expected: "Int, Double or String labels to save", got: "\(L.self)")
    }
}

/// Reads labels written by `writeLabels`, checking the stored type matches `L`.
private func readLabels<L>(from group: HDF5Group, name: String) throws -> [L] {
    let stored: [Any]
    if L.self == Int.self {
        stored = try group.read(Int64.self, from: name).values.map { Int($0) }
    } else if L.self == Double.self {
        stored = try group.readFiniteVector(name)
    } else if L.self == String.self {
        stored = try group.readStrings(name)
    } else {
        throw LearnError.invalidParameter(
            name: "labels", expected: "Int, Double or String labels to load", got: "\(L.self)")
    }
    return stored.compactMap { $0 as? L }
}
