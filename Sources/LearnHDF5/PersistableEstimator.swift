import Foundation
import LearnCore

/// An estimator that saves itself to, and loads itself from, one HDF5 file (DESIGN §5):
/// root attributes `swiftlearn_class`, `swiftlearn_format_version`, `swiftlearn_version`, every
/// hyper-parameter as an attribute of its own name, and the fitted arrays as datasets written by
/// ``writeFitted(to:)``. Conforming takes an `init()` and the two fitted-state methods; ``save(to:)``
/// and ``load(from:limits:)`` come with the protocol.
public protocol PersistableEstimator: Estimator {
    /// An unfitted instance with default hyper-parameters (they are then set from the file).
    init()
    /// The layout version this type writes; files with a larger version are refused.
    static var formatVersion: Int { get }
    /// Whether there is fitted state to save.
    var isFitted: Bool { get }
    /// Writes the fitted arrays into the file's root group.
    func writeFitted(to group: HDF5Group) throws
    /// Reads and validates the fitted arrays (shapes, dtypes, finiteness), throwing on anything unexpected.
    mutating func readFitted(from group: HDF5Group) throws
}

extension PersistableEstimator {
    /// Version 1 unless a type says otherwise.
    public static var formatVersion: Int { 1 }

    /// Saves the fitted model to `path` atomically: a failed save leaves any previous file untouched.
    /// - Throws: `LearnError/notFitted(type:)`; `LearnError/io(path:reason:)` when the file cannot be written.
    public func save(to path: String) throws {
        guard isFitted else { throw LearnError.notFitted(type: Self.estimatorName) }
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.setAttribute("swiftlearn_class", .string(Self.estimatorName))
            try root.setAttribute("swiftlearn_format_version", .int(Int64(Self.formatVersion)))
            try root.setAttribute("swiftlearn_version", .string(SwiftLearnVersion.string))
            for (name, value) in parameters { try root.setAttribute(name, HDF5Attribute(value)) }
            try writeFitted(to: root)
        }
    }

    /// Loads a model saved by ``save(to:)`` (or another tool writing the same layout). Any file, from
    /// anyone, gives a model or an error: every array and string is checked against `limits` and the
    /// expected shapes before it is read, and every hyper-parameter goes through `setParameter(_:_:)`.
    ///
    /// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 50, nFeatures: 5, randomState: 0) -->
    /// <!-- doctest: given var fitted = LogisticRegression() -->
    /// <!-- doctest: given try fitted.fit(X, y) -->
    /// <!-- doctest: given try fitted.save(to: "model.h5") -->
    /// <!-- doctest: given try fitted.save(to: "big.h5") -->
    /// ```swift
    /// let model = try LogisticRegression.load(from: "model.h5")
    /// let big = try LogisticRegression.load(from: "big.h5", limits: ResourceLimits(maxArrayBytes: 16 << 30))
    /// ```
    /// - Throws: `LearnError/io(path:reason:)` for a missing file; `LearnError/corruptFile(path:reason:)`
    ///   for anything unexpected inside — another class, an unknown version, a missing or misshapen array;
    ///   `LearnError/resourceLimit(operation:needed:limit:)` for arrays larger than `limits` allow.
    public static func load(from path: String, limits: ResourceLimits = .standard) throws -> Self {
        let file = try HDF5File.open(path, limits: limits)
        let root = try file.root
        guard case let .string(className) = try root.attribute("swiftlearn_class") else {
            throw LearnError.corruptFile(path: path, reason: "swiftlearn_class is not a string")
        }
        guard className == estimatorName else {
            throw LearnError.corruptFile(path: path, reason: "the file holds a \(className), not a \(estimatorName)")
        }
        guard case let .int(version) = try root.attribute("swiftlearn_format_version"), version >= 1,
            version <= formatVersion
        else {
            throw LearnError.corruptFile(
                path: path, reason: "unknown swiftlearn_format_version (this SwiftLearn reads 1...\(formatVersion))")
        }
        var model = Self()
        for name in model.parameters.keys.sorted() {
            let stored = try root.attribute(name)
            do {
                try model.setParameter(name, stored.parameterValue)
            } catch {
                throw LearnError.corruptFile(
                    path: path, reason: "hyper-parameter \(name) = \(stored) is not valid (\(error))")
            }
        }
        do {
            try model.readFitted(from: root)
        } catch let error as LearnError {
            switch error {
            case .corruptFile, .resourceLimit: throw error
            default: break
            }
            throw LearnError.corruptFile(path: path, reason: "\(error)")
        }
        return model
    }
}

extension HDF5Attribute {
    /// A hyper-parameter as an attribute (`None` as the string `"None"`).
    public init(_ value: ParameterValue) {
        switch value {
        case let .int(v): self = .int(Int64(v))
        case let .double(v): self = .double(v)
        case let .bool(v): self = .bool(v)
        case let .string(v): self = .string(v)
        case let .doubles(v): self = .doubles(v)
        case .none: self = .string("None")
        }
    }

    /// The attribute as a hyper-parameter value.
    public var parameterValue: ParameterValue {
        switch self {
        case let .int(v): return .int(Int(v))
        case let .double(v): return .double(v)
        case let .bool(v): return .bool(v)
        case .string("None"): return .none
        case let .string(v): return .string(v)
        case let .doubles(v): return .doubles(v)
        case let .ints(v): return .doubles(v.map(Double.init))
        case let .strings(v): return .string(v.joined(separator: ","))
        }
    }
}

extension HDF5Group {
    /// Reads a float64 dataset of exactly `shape` whose values must all be finite.
    public func readFinite(_ name: String, shape: [Int]) throws -> [Double] {
        let values = try read(Double.self, from: name, shape: shape)
        guard values.allSatisfy(\.isFinite) else {
            throw corrupt("dataset \(child(name)) holds NaN or infinite values")
        }
        return values
    }

    /// Reads a float64 vector of any length whose values must all be finite.
    public func readFiniteVector(_ name: String) throws -> [Double] {
        let (shape, values) = try read(Double.self, from: name)
        guard shape.count == 1 else { throw corrupt("dataset \(child(name)) has shape \(shape), expected a vector") }
        guard values.allSatisfy(\.isFinite) else {
            throw corrupt("dataset \(child(name)) holds NaN or infinite values")
        }
        return values
    }
}
