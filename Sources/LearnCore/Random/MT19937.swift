/// The 32-bit Mersenne Twister exactly as NumPy's legacy `RandomState` runs it
/// (`numpy/random/src/mt19937/mt19937.c`): `init_genrand` seeding for integers, `init_by_array`
/// for arrays, in-place twist, standard tempering.
///
/// A value type: copying it forks the stream. ``RandomState`` wraps it with NumPy's samplers.
public struct MT19937: Sendable, Equatable {
    static let n = 624
    static let m = 397
    static let matrixA: UInt32 = 0x9908_B0DF
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7FFF_FFFF

    /// The 624-word state.
    public private(set) var key: [UInt32]
    /// The index of the next word to temper; 624 means "twist first".
    public private(set) var position: Int

    /// Seeds as `numpy.random.RandomState(seed)` does for an integer (`init_genrand`).
    public init(seed: UInt32) {
        var key = [UInt32](repeating: 0, count: Self.n)
        key[0] = seed
        for i in 1..<Self.n {
            let previous = key[i - 1]
            key[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        self.key = key
        self.position = Self.n
    }

    /// Seeds as `numpy.random.RandomState([k0, k1, …])` does (`init_by_array`).
    public init(seedArray keys: [UInt32]) {
        self.init(seed: 19_650_218)
        var i = 1
        var j = 0
        let length = Swift.max(keys.count, 1)
        for _ in 0..<Swift.max(Self.n, keys.count) {
            let previous = key[i - 1]
            let keyWord = keys.isEmpty ? 0 : keys[j]
            key[i] = (key[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ keyWord &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= Self.n {
                key[0] = key[Self.n - 1]
                i = 1
            }
            if j >= length { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            let previous = key[i - 1]
            key[i] = (key[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n {
                key[0] = key[Self.n - 1]
                i = 1
            }
        }
        key[0] = 0x8000_0000
        position = Self.n
    }

    /// Seeds from the system's entropy source (NumPy's `RandomState()` cannot be reproduced either).
    public init() {
        var system = SystemRandomNumberGenerator()
        var key = (0..<Self.n).map { _ in UInt32(truncatingIfNeeded: system.next()) }
        key[0] = 0x8000_0000
        self.key = key
        self.position = Self.n
    }

    /// The next tempered 32-bit output (`mt19937_next32`).
    @inline(__always)
    public mutating func next32() -> UInt32 {
        if position == Self.n { regenerate() }
        var y = key.withUnsafeBufferPointer { $0[position] }
        position &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two outputs, the first in the high half (`mt19937_next64`).
    @inline(__always)
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        return (high << 32) | UInt64(next32())
    }

    /// A 53-bit uniform double in [0, 1): 27 bits from the first output, 26 from the second.
    @inline(__always)
    public mutating func nextDouble() -> Double {
        let a = next32() >> 5
        let b = next32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// The twist, in place and in index order, so late words read already-updated early ones
    /// (three loops, as NumPy's, to avoid a modulo per word).
    private mutating func regenerate() {
        key.withUnsafeMutableBufferPointer { key in
            let (n, m) = (Self.n, Self.m)
            @inline(__always) func twist(_ i: Int, _ next: Int, _ far: Int) {
                let y = (key[i] & Self.upperMask) | (key[next] & Self.lowerMask)
                key[i] = key[far] ^ (y >> 1) ^ ((y & 1) &* Self.matrixA)
            }
            for i in 0..<(n - m) { twist(i, i &+ 1, i &+ m) }
            for i in (n - m)..<(n - 1) { twist(i, i &+ 1, i &+ m &- n) }
            twist(n - 1, 0, m - 1)
        }
        position = 0
    }
}
