import Foundation

/// Upper bounds on what SwiftLearn allocates for sizes it did not choose itself: arrays declared by a
/// file, layers and workspaces sized by a config, generators sized by the command line.
///
/// A model file is something people download and share: a 10 KB file can declare a 2^40-element dataset,
/// and a Keras config can ask for `units: 1e15`. Such sizes are checked against these limits *before* any
/// allocation and refused with ``LearnError/resourceLimit(operation:needed:limit:)``, which names the
/// limit and how to raise it. The default, 4 GiB per array, is generous for every model SwiftLearn ships;
/// raise it for a larger one with the environment variable `SWIFTLEARN_MAX_ARRAY_BYTES` (read when the
/// process asks for ``standard``) or by passing your own value where an API takes `limits:`.
///
/// <!-- doctest: given var small = LogisticRegression() -->
/// <!-- doctest: given try small.fit(Matrix<Double>([[0], [1]]), [0, 1]) -->
/// <!-- doctest: given try small.save(to: "big.h5") -->
/// ```swift
/// var limits = ResourceLimits.standard
/// limits.maxArrayBytes = 16 << 30                       // 16 GiB arrays for this load
/// let model = try LogisticRegression.load(from: "big.h5", limits: limits)
/// ```
public struct ResourceLimits: Sendable, Equatable {
    /// The most bytes one array (a dataset, a weight, an activation buffer) may take. Default 4 GiB.
    public var maxArrayBytes: Int
    /// The most bytes of one string read from a file (an attribute, a JSON config). Default 64 MiB.
    public var maxStringBytes: Int

    /// The built-in defaults: 4 GiB per array, 64 MiB per string.
    public static let defaults = ResourceLimits(maxArrayBytes: 4 << 30, maxStringBytes: 64 << 20)

    /// The name of the environment variable that overrides ``maxArrayBytes`` in ``standard``.
    public static let environmentVariable = "SWIFTLEARN_MAX_ARRAY_BYTES"

    /// Limits with the given bounds.
    public init(maxArrayBytes: Int, maxStringBytes: Int = ResourceLimits.defaults.maxStringBytes) {
        self.maxArrayBytes = Swift.max(0, maxArrayBytes)
        self.maxStringBytes = Swift.max(0, maxStringBytes)
    }

    /// ``defaults``, with ``maxArrayBytes`` taken from `SWIFTLEARN_MAX_ARRAY_BYTES` when it is set to a
    /// positive whole number of bytes (an unreadable value is ignored: the defaults stay).
    public static var standard: ResourceLimits {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable], let bytes = Int(text), bytes > 0
        else {
            return defaults
        }
        return ResourceLimits(maxArrayBytes: bytes)
    }

    /// Throws unless a string of `bytes` bytes is within ``maxStringBytes``.
    public func checkString(_ bytes: Int, operation: String) throws {
        guard bytes >= 0, bytes <= maxStringBytes else {
            throw LearnError.resourceLimit(
                operation: operation, needed: "a string of \(bytes) bytes",
                limit: "\(maxStringBytes) bytes per string (ResourceLimits.maxStringBytes)")
        }
    }

    /// The error for `operation` needing more than ``maxArrayBytes``; `needed` says what was asked for
    /// ("a file of 5000000000 bytes"). The message names the limit and how to raise it.
    public func exceeded(_ operation: String, needed: String) -> LearnError {
        LearnError.resourceLimit(
            operation: operation, needed: needed,
            limit:
                "\(maxArrayBytes) bytes per array (raise it with \(Self.environmentVariable) or ResourceLimits.maxArrayBytes)"
        )
    }
}
