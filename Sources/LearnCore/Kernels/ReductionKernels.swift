import RealModule

// Reductions see their input as `outer × length × inner` (row-major) and reduce the middle axis,
// writing `outer × inner` results. `inner == 1` is a contiguous lane; otherwise whole rows of
// `inner` values are combined at once, which keeps the loop contiguous and vectorisable.

extension LearnScalar {
    /// `x − x == 0` holds exactly for finite `x` (NaN and ±∞ give NaN); the loop has no early exit so
    /// it vectorises, and large arrays are checked at memory speed.
    public static func allFiniteKernel(_ input: UnsafePointer<Self>, count: Int) -> Bool {
        // x − x is 0 for finite x and NaN otherwise. Eight independent sums keep the adds from
        // waiting on each other (one chain runs at add latency: ~1.7× slower than reading memory).
        var (a0, a1, a2, a3, a4, a5, a6, a7): (Self, Self, Self, Self, Self, Self, Self, Self) = (
            0, 0, 0, 0, 0, 0, 0, 0
        )
        var i = 0
        while i &+ 8 <= count {
            let p = input + i
            a0 += p[0] - p[0]
            a1 += p[1] - p[1]
            a2 += p[2] - p[2]
            a3 += p[3] - p[3]
            a4 += p[4] - p[4]
            a5 += p[5] - p[5]
            a6 += p[6] - p[6]
            a7 += p[7] - p[7]
            i &+= 8
        }
        while i < count {
            a0 += input[i] - input[i]
            i &+= 1
        }
        return (a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) == 0
    }

    /// Reduces the middle axis of an `outer × length × inner` block into `out` (`outer × inner`).
    /// `length` must be at least 1 for everything but `.sum` (callers check it).
    public static func reductionKernel(
        _ operation: ReductionOperation, input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int,
        out: UnsafeMutablePointer<Self>
    ) {
        switch operation {
        case .sum:
            // Across rows (`inner > 1`) this is the column sum every layer's bias gradient uses.
            guard inner == 1 else {
                for o in 0..<outer {
                    columnSums(input + o &* length &* inner, rows: length, columns: inner, into: out + o &* inner)
                }
                return
            }
            reduceLanes(input, outer, length, inner, out, laneSum, .zero) { $0 + $1 }
        case .max:
            reduceLanes(input, outer, length, inner, out, laneMax, nil) {
                $0.isNaN || $1.isNaN ? .nan : ($1 > $0 ? $1 : $0)
            }
        case .min:
            reduceLanes(input, outer, length, inner, out, laneMin, nil) {
                $0.isNaN || $1.isNaN ? .nan : ($1 < $0 ? $1 : $0)
            }
        case let .variance(ddof): varianceLanes(input, outer, length, inner, ddof, out)
        case .logSumExp: logSumExpLanes(input, outer, length, inner, out)
        }
    }

    /// Index of the first maximum or minimum along the middle axis (`length ≥ 1`).
    public static func argReductionKernel(
        _ operation: ArgReductionOperation, input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int,
        out: UnsafeMutablePointer<Int>
    ) {
        let better: (Self, Self) -> Bool = operation == .argmax ? { $0 > $1 } : { $0 < $1 }
        for o in 0..<outer {
            for k in 0..<inner {
                let lane = input + (o &* length &* inner &+ k)
                var bestIndex = 0
                var best = lane[0]
                if !best.isNaN {
                    for i in 1..<max(length, 1) {
                        let v = lane[i &* inner]
                        if v.isNaN {
                            bestIndex = i
                            break
                        }
                        if better(v, best) {
                            best = v
                            bestIndex = i
                        }
                    }
                }
                out[o &* inner &+ k] = bestIndex
            }
        }
    }

    /// Softmax (or log-softmax) along the middle axis, shifted by each lane's maximum.
    @inlinable
    public static func softmaxKernel(
        input: UnsafePointer<Self>, outer: Int, length: Int, inner: Int, out: UnsafeMutablePointer<Self>,
        logarithm: Bool
    ) {
        for o in 0..<outer {
            for k in 0..<inner {
                let base = o &* length &* inner &+ k
                let shift = laneShift(input + base, length, inner)
                var total = Self.zero
                for i in 0..<length {
                    let e = Self.exp(input[base &+ i &* inner] - shift)
                    out[base &+ i &* inner] = e
                    total += e
                }
                if logarithm {
                    let logTotal = Self.log(total) + shift
                    for i in 0..<length { out[base &+ i &* inner] = input[base &+ i &* inner] - logTotal }
                } else {
                    // A division rather than a product with 1 / total: correctly rounded, as NumPy's
                    // `e / e.sum()`, and the layers' and solvers' softmax agree with it to the bit.
                    for i in 0..<length { out[base &+ i &* inner] /= total }
                }
            }
        }
    }
}

/// Runs `lane` on contiguous lanes, or folds whole rows with `combine` when `inner > 1`.
@inline(__always)
func reduceLanes<T: LearnScalar>(
    _ input: UnsafePointer<T>, _ outer: Int, _ length: Int, _ inner: Int, _ out: UnsafeMutablePointer<T>,
    _ lane: (UnsafePointer<T>, Int) -> T, _ identity: T?, _ combine: (T, T) -> T
) {
    if inner == 1 {
        for o in 0..<outer { out[o] = lane(input + o &* length, length) }
        return
    }
    for o in 0..<outer {
        let block = input + o &* length &* inner
        let result = out + o &* inner
        if let identity {
            for k in 0..<inner { result[k] = identity }
        } else {
            for k in 0..<inner { result[k] = block[k] }
        }
        let start = identity == nil ? 1 : 0
        guard length > start else { continue }
        for i in start..<length {
            let row = block + i &* inner
            for k in 0..<inner { result[k] = combine(result[k], row[k]) }
        }
    }
}

/// Sum of a contiguous lane with eight independent accumulators: faster (no serial dependency)
/// and more accurate than one running sum.
@inline(__always)
func laneSum<T: LearnScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    var s0 = T.zero, s1 = T.zero, s2 = T.zero, s3 = T.zero
    var s4 = T.zero, s5 = T.zero, s6 = T.zero, s7 = T.zero
    var i = 0
    while i &+ 8 <= n {
        s0 += p[i]
        s1 += p[i &+ 1]
        s2 += p[i &+ 2]
        s3 += p[i &+ 3]
        s4 += p[i &+ 4]
        s5 += p[i &+ 5]
        s6 += p[i &+ 6]
        s7 += p[i &+ 7]
        i &+= 8
    }
    var tail = T.zero
    while i < n {
        tail += p[i]
        i &+= 1
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail
}

/// The lane's first NaN, else its value that is `better` than every other (`>`: the maximum, `<`: the minimum).
@inline(__always)
func laneExtreme<T: LearnScalar>(_ p: UnsafePointer<T>, _ n: Int, _ better: (T, T) -> Bool) -> T {
    var best = p[0]
    if best.isNaN { return best }
    for i in 1..<max(n, 1) {
        let v = p[i]
        if better(v, best) { best = v } else if v.isNaN { return v }
    }
    return best
}

@inline(__always)
func laneMax<T: LearnScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T { laneExtreme(p, n, >) }

@inline(__always)
func laneMin<T: LearnScalar>(_ p: UnsafePointer<T>, _ n: Int) -> T { laneExtreme(p, n, <) }

/// Two-pass variance: the mean first, then the squared deviations (no catastrophic cancellation).
func varianceLanes<T: LearnScalar>(
    _ input: UnsafePointer<T>, _ outer: Int, _ length: Int, _ inner: Int, _ ddof: Int, _ out: UnsafeMutablePointer<T>
) {
    let denominator = T(length - ddof)
    let means = UnsafeMutablePointer<T>.allocate(capacity: inner)
    defer { means.deallocate() }
    for o in 0..<outer {
        let block = input + o &* length &* inner
        let result = out + o &* inner
        for k in 0..<inner {
            means[k] = 0
            result[k] = 0
        }
        for i in 0..<length { for k in 0..<inner { means[k] += block[i &* inner &+ k] } }
        for k in 0..<inner { means[k] /= T(length) }
        for i in 0..<length {
            for k in 0..<inner {
                let d = block[i &* inner &+ k] - means[k]
                result[k] += d * d
            }
        }
        for k in 0..<inner { result[k] /= denominator }
    }
}

/// The shift of a softmax or log-sum-exp lane (`length` values `inner` apart): the lane's maximum, so
/// no `e^x` overflows, or 0 when that maximum is not finite.
@inlinable @inline(__always)
func laneShift<T: LearnScalar>(_ lane: UnsafePointer<T>, _ length: Int, _ inner: Int) -> T {
    var shift = lane[0]
    for i in 1..<max(length, 1) { shift = Swift.max(shift, lane[i &* inner]) }
    return shift.isFinite ? shift : 0
}

/// `log Σ e^x` per lane, shifted by the lane maximum; a non-finite maximum is not used as a shift
/// (all `-inf` gives `-inf`, a `+inf` gives `+inf`), as SciPy does.
@inlinable
func logSumExpLanes<T: LearnScalar>(
    _ input: UnsafePointer<T>, _ outer: Int, _ length: Int, _ inner: Int, _ out: UnsafeMutablePointer<T>
) {
    for o in 0..<outer {
        for k in 0..<inner {
            let base = o &* length &* inner &+ k
            let shift = laneShift(input + base, length, inner)
            var total = T.zero
            for i in 0..<length { total += T.exp(input[base &+ i &* inner] - shift) }
            out[o &* inner &+ k] = T.log(total) + shift
        }
    }
}
