import Foundation

/// A random number generator that reproduces `numpy.random.RandomState(seed)` bit for bit:
/// the same seed gives the same uniforms, Gaussians, integers, shuffles and permutations as NumPy,
/// and so the same datasets and splits as scikit-learn.
///
/// ```swift
/// var rng = RandomState(seed: 42)
/// print(rng.randomSample())          // as np.random.RandomState(42).random_sample()
/// print(try rng.permutation(10))     // the next draws, as NumPy would make them
/// ```
/// <!-- doctest: output -->
/// ```text
/// 0.3745401188473625
/// [3, 9, 0, 8, 5, 2, 1, 6, 4, 7]
/// ```
///
/// It is a value type: a copy continues the stream independently. Pass it `inout` to share one
/// stream between calls, as scikit-learn does when it passes a `RandomState` object around.
/// Everything random in SwiftLearn draws from a `RandomState` the caller can seed.
public struct RandomState: Sendable, Equatable, RandomNumberGenerator {
    /// The underlying bit generator.
    public internal(set) var bitGenerator: MT19937
    /// The second value of the last Gaussian pair, returned by the next Gaussian call (NumPy's cache).
    var cachedGaussian: Double?

    /// `numpy.random.RandomState(seed)`.
    public init(seed: UInt32) {
        bitGenerator = MT19937(seed: seed)
    }

    /// `numpy.random.RandomState(seed)` for a seed given as `Int`.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` unless `0 ≤ seed ≤ 2³² − 1`.
    public init(checkedSeed seed: Int) throws {
        guard let word = UInt32(exactly: seed) else {
            throw LearnError.invalidParameter(
                name: "randomState", expected: "a seed between 0 and 2**32 - 1", got: "\(seed)")
        }
        self.init(seed: word)
    }

    /// `numpy.random.RandomState([k0, k1, …])` (`init_by_array` seeding).
    /// - Throws: ``LearnError/emptyInput(operation:)`` for an empty array.
    public init(seedArray: [UInt32]) throws {
        guard !seedArray.isEmpty else { throw LearnError.emptyInput(operation: "RandomState(seedArray:)") }
        bitGenerator = MT19937(seedArray: seedArray)
    }

    /// A generator seeded from the system's entropy source, like `numpy.random.RandomState()`.
    public init() {
        bitGenerator = MT19937()
    }

    /// A fresh generator for a scikit-learn-style `random_state` argument: a seed gives a new,
    /// reproducible stream; `nil` gives an entropy-seeded one.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for a seed outside 0…2³² − 1.
    public static func from(_ randomState: Int?) throws -> RandomState {
        guard let seed = randomState else { return RandomState() }
        return try RandomState(checkedSeed: seed)
    }

    /// One raw 32-bit output of the Mersenne Twister.
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 { bitGenerator.next32() }

    /// 64 random bits from two outputs, the first in the high half (`RandomNumberGenerator`).
    @inline(__always)
    public mutating func next() -> UInt64 { bitGenerator.next64() }

    /// A uniform double in [0, 1) with 53 random bits (`random_sample()`).
    @inline(__always)
    public mutating func randomSample() -> Double { bitGenerator.nextDouble() }

    /// `count` uniform doubles in [0, 1) (`random_sample(count)`).
    public mutating func randomSample(count: Int) throws -> [Double] {
        try checkCount(count, "randomSample(count:)")
        return (0..<count).map { _ in bitGenerator.nextDouble() }
    }

    func checkCount(_ count: Int, _ operation: String) throws {
        guard count >= 0 else {
            throw LearnError.invalidParameter(name: "count", expected: "a count >= 0 in \(operation)", got: "\(count)")
        }
    }
}
