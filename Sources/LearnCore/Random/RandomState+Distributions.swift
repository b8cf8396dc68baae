import Foundation

extension RandomState {
    /// A uniform double in [low, high) (`uniform(low, high)`): `low + (high - low) * u`, unfused.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when `high - low` is not finite.
    public mutating func uniform(low: Double = 0, high: Double = 1) throws -> Double {
        let range = try uniformRange(low: low, high: high)
        return low + range * randomSample()
    }

    /// `count` uniform doubles in [low, high) (`uniform(low, high, size)`).
    public mutating func uniform(low: Double = 0, high: Double = 1, count: Int) throws -> [Double] {
        try checkCount(count, "uniform(count:)")
        let range = try uniformRange(low: low, high: high)
        return (0..<count).map { _ in low + range * randomSample() }
    }

    private func uniformRange(low: Double, high: Double) throws -> Double {
        let range = high - low
        guard range.isFinite else {
            throw LearnError.invalidParameter(
                name: "high - low", expected: "a finite range in uniform", got: "\(range)")
        }
        return range
    }

    /// A standard normal value by NumPy's legacy polar Box–Muller (`standard_normal()`).
    ///
    /// Each accepted pair yields `f·x2` now and caches `f·x1` for the next Gaussian call; the cache
    /// survives calls to every other method, exactly as in NumPy.
    @inline(__always)
    public mutating func standardNormal() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2.0 * randomSample() - 1.0
            x2 = 2.0 * randomSample() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = Foundation.sqrt(-2.0 * Foundation.log(r2) / r2)
        cachedGaussian = f * x1
        return f * x2
    }

    /// `count` standard normal values (`standard_normal(count)`).
    public mutating func standardNormal(count: Int) throws -> [Double] {
        try checkCount(count, "standardNormal(count:)")
        return Elementwise.makeArray(count: count) { out in
            fillStandardNormal(UnsafeMutableBufferPointer(start: out, count: count))
        }
    }

    /// A `rows × columns` matrix of standard normal values, drawn row-major
    /// (`standard_normal(size=(rows, columns))`).
    public mutating func standardNormal(rows: Int, columns: Int) throws -> Matrix<Double> {
        try Matrix(rows: rows, columns: columns) { fillStandardNormal($0) }
    }

    /// Fills `buffer` with standard normal values in order, without allocating.
    public mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Double>) {
        guard let base = buffer.baseAddress else { return }
        for i in 0..<buffer.count { base[i] = standardNormal() }
    }

    /// A normal value `loc + scale · z` (`normal(loc, scale)`).
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when `scale < 0`.
    public mutating func normal(loc: Double = 0, scale: Double = 1) throws -> Double {
        try checkScale(scale)
        return loc + scale * standardNormal()
    }

    /// `count` normal values (`normal(loc, scale, size)`).
    public mutating func normal(loc: Double = 0, scale: Double = 1, count: Int) throws -> [Double] {
        try checkScale(scale)
        try checkCount(count, "normal(count:)")
        return (0..<count).map { _ in loc + scale * standardNormal() }
    }

    private func checkScale(_ scale: Double) throws {
        guard scale >= 0 else {
            throw LearnError.invalidParameter(name: "scale", expected: "scale >= 0 in normal", got: "\(scale)")
        }
    }

    /// A random integer in [low, high) by NumPy's legacy masked rejection (`randint(low, high)`).
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when `low >= high`.
    public mutating func randint(low: Int, high: Int) throws -> Int {
        let (offset, range) = try randintRange(low: low, high: high)
        return Int(bitPattern: UInt(offset &+ bounded(range)))
    }

    /// A random integer in [0, high) (`randint(high)`).
    public mutating func randint(_ high: Int) throws -> Int { try randint(low: 0, high: high) }

    /// `count` random integers in [low, high) (`randint(low, high, size)`).
    public mutating func randint(low: Int, high: Int, count: Int) throws -> [Int] {
        try checkCount(count, "randint(count:)")
        let (offset, range) = try randintRange(low: low, high: high)
        return (0..<count).map { _ in Int(bitPattern: UInt(offset &+ bounded(range))) }
    }

    /// `count` random integers in [0, high) (`randint(high, size=count)`).
    public mutating func randint(_ high: Int, count: Int) throws -> [Int] {
        try randint(low: 0, high: high, count: count)
    }

    private func randintRange(low: Int, high: Int) throws -> (offset: UInt64, range: UInt64) {
        guard low < high else {
            throw LearnError.invalidParameter(
                name: "high", expected: "low < high in randint (low = \(low))", got: "\(high)")
        }
        let highInclusive = UInt64(bitPattern: Int64(high - 1))
        let offset = UInt64(bitPattern: Int64(low))
        return (offset, highInclusive &- offset)
    }

    /// A value in [0, range] by masked rejection (`random_bounded_uint64`, legacy path).
    @inline(__always)
    mutating func bounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range <= 0xFFFF_FFFF {
            if range == 0xFFFF_FFFF { return UInt64(nextUInt32()) }
            let mask = Self.smear(range)
            var v: UInt64
            repeat { v = UInt64(nextUInt32()) & mask } while v > range
            return v
        }
        if range == UInt64.max { return bitGenerator.next64() }
        let mask = Self.smear(range)
        var v: UInt64
        repeat { v = bitGenerator.next64() & mask } while v > range
        return v
    }

    /// A value in [0, max] (`random_interval`), the draw behind `shuffle`.
    @inline(__always)
    mutating func randomInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        let mask = Self.smear(max)
        var v: UInt64
        if max <= 0xFFFF_FFFF {
            repeat { v = UInt64(nextUInt32()) & mask } while v > max
        } else {
            repeat { v = bitGenerator.next64() & mask } while v > max
        }
        return v
    }

    /// The smallest all-ones bit pattern `>= x`.
    @inline(__always)
    static func smear(_ x: UInt64) -> UInt64 {
        var m = x
        m |= m >> 1
        m |= m >> 2
        m |= m >> 4
        m |= m >> 8
        m |= m >> 16
        m |= m >> 32
        return m
    }
}
