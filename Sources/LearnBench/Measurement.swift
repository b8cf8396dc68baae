import Foundation

/// Timing helpers for the benchmark suites: a warm-up, then the median of several runs.
public enum Measurement {
    /// The median wall-clock seconds of `runs` calls of `body`, after `warmup` untimed calls.
    public static func medianSeconds(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var times: [Double] = []
        for _ in 0..<max(runs, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return median(times)
    }
}

extension Measurement {
    /// Median seconds of `first` and `second`, timed in alternation after one warm-up each, so
    /// that drift in the machine's speed affects both sides of a comparison alike.
    public static func interleavedMedianSeconds(
        runs: Int, _ first: () throws -> Void, _ second: () throws -> Void
    ) rethrows -> (first: Double, second: Double) {
        try first()
        try second()
        var firstTimes: [Double] = [], secondTimes: [Double] = []
        for _ in 0..<max(runs, 1) {
            firstTimes.append(try medianSeconds(runs: 1, warmup: 0, first))
            secondTimes.append(try medianSeconds(runs: 1, warmup: 0, second))
        }
        return (median(firstTimes), median(secondTimes))
    }

    /// The median of a non-empty list.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that produced it.
@inline(never)
public func blackHole<T>(_ value: T) { _ = value }
