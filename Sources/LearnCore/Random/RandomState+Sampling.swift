/// How ``RandomState/sampleWithoutReplacement(nPopulation:nSamples:method:)`` draws,
/// as scikit-learn's `sample_without_replacement(method=…)`.
public enum SamplingMethod: String, Sendable, CaseIterable {
    /// scikit-learn's choice: permutation for 1% < ratio < 99%, else tracking selection or reservoir.
    case auto
    /// Draw until unseen when sampling under 20% of the population, else reservoir sampling
    /// (scikit-learn applies that rule to an explicit `"tracking_selection"` too).
    case trackingSelection
    /// Algorithm R; consumes nothing when the sample is the whole population.
    case reservoirSampling
    /// A shrinking pool of candidates.
    case pool
}

extension RandomState {
    /// `nSamples` distinct integers from `0..<nPopulation`, exactly as scikit-learn's
    /// `sample_without_replacement(n_population, n_samples, method, random_state=self)`.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for a negative population or
    ///   more samples than the population holds.
    public mutating func sampleWithoutReplacement(nPopulation: Int, nSamples: Int, method: SamplingMethod = .auto)
        throws -> [Int]
    {
        guard nPopulation >= 0 else {
            throw LearnError.invalidParameter(name: "nPopulation", expected: "nPopulation >= 0", got: "\(nPopulation)")
        }
        guard nSamples >= 0 && nSamples <= nPopulation else {
            throw LearnError.invalidParameter(
                name: "nSamples", expected: "0 <= nSamples <= nPopulation (\(nPopulation))", got: "\(nSamples)")
        }
        let ratio = nPopulation == 0 ? 1.0 : Double(nSamples) / Double(nPopulation)
        switch method {
        case .auto where ratio > 0.01 && ratio < 0.99:
            return Array(try permutation(nPopulation)[0..<nSamples])
        case .auto, .trackingSelection:
            // scikit-learn routes an explicit "tracking_selection" through the same ratio rule.
            return ratio < 0.2
                ? try trackingSelection(nPopulation, nSamples) : try reservoirSampling(nPopulation, nSamples)
        case .reservoirSampling:
            return try reservoirSampling(nPopulation, nSamples)
        case .pool:
            return try poolSampling(nPopulation, nSamples)
        }
    }

    private mutating func trackingSelection(_ population: Int, _ count: Int) throws -> [Int] {
        var selected = Set<Int>(minimumCapacity: count)
        var result: [Int] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            var j = try randint(population)
            while selected.contains(j) { j = try randint(population) }
            selected.insert(j)
            result.append(j)
        }
        return result
    }

    private mutating func reservoirSampling(_ population: Int, _ count: Int) throws -> [Int] {
        var result = Array(0..<count)
        for i in count..<Swift.max(count, population) {
            let j = try randint(low: 0, high: i + 1)
            if j < count { result[j] = i }
        }
        return result
    }

    private mutating func poolSampling(_ population: Int, _ count: Int) throws -> [Int] {
        var pool = Array(0..<population)
        var result = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let j = try randint(population - i)
            result[i] = pool[j]
            pool[j] = pool[population - i - 1]
        }
        return result
    }

    /// Splits `nDraws` among classes in proportion to `classCounts`, breaking remainder ties at
    /// random — scikit-learn's `_approximate_mode`, the allocation behind stratified splits.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` for negative counts or draws,
    ///   or more draws than samples.
    public mutating func approximateMode(classCounts: [Int], nDraws: Int) throws -> [Int] {
        let total = classCounts.reduce(0, +)
        guard classCounts.allSatisfy({ $0 >= 0 }), total > 0 else {
            throw LearnError.invalidParameter(
                name: "classCounts", expected: "non-negative counts with a positive total", got: "\(classCounts)")
        }
        guard nDraws >= 0 && nDraws <= total else {
            throw LearnError.invalidParameter(name: "nDraws", expected: "0 <= nDraws <= \(total)", got: "\(nDraws)")
        }
        let continuous = classCounts.map { Double($0) / Double(total) * Double(nDraws) }
        var floored = continuous.map { $0.rounded(.down) }
        var need = Int(Double(nDraws) - floored.reduce(0, +))
        if need > 0 {
            let remainder = zip(continuous, floored).map { $0 - $1 }
            for value in Set(remainder).sorted(by: >) {
                let tied = remainder.indices.filter { remainder[$0] == value }
                let addNow = Swift.min(tied.count, need)
                for i in try choice(tied, size: addNow) { floored[i] += 1 }
                need -= addNow
                if need == 0 { break }
            }
        }
        return floored.map { Int($0) }
    }
}
