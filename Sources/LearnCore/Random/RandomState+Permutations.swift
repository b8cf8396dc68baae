extension RandomState {
    /// Shuffles `elements` in place by NumPy's legacy Fisher–Yates (`shuffle(x)`):
    /// for i from n−1 down to 1, swap element i with a uniform j in [0, i].
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C)
    where C.Index == Int {
        let n = elements.count
        guard n > 1 else { return }
        let start = elements.startIndex
        for i in stride(from: n - 1, through: 1, by: -1) {
            let j = Int(randomInterval(UInt64(i)))
            if i != j { elements.swapAt(start + i, start + j) }
        }
    }

    /// ``shuffle(_:)`` for `[Int]`, the index arrays behind permutations and splits — a
    /// non-generic entry point so callers in other modules get the specialised loop.
    public mutating func shuffle(_ elements: inout [Int]) {
        let n = elements.count
        guard n > 1 else { return }
        elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in stride(from: n - 1, through: 1, by: -1) {
                let j = Int(truncatingIfNeeded: randomInterval(UInt64(i)))
                let t = base[i]
                base[i] = base[j]
                base[j] = t
            }
        }
    }

    /// Shuffles the rows of `matrix` in place (NumPy shuffles the first axis of an n-D array).
    public mutating func shuffleRows<S: LearnScalar>(_ matrix: inout Matrix<S>) {
        var order = Array(0..<matrix.rows)
        shuffle(&order)
        matrix = matrix.uncheckedRows(at: order)
    }

    /// A random permutation of `0..<n` (`permutation(n)`).
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when `n < 0`,
    ///   ``LearnError/resourceLimit(operation:needed:limit:)`` when `n` indices exceed ``ResourceLimits/standard``.
    public mutating func permutation(_ n: Int) throws -> [Int] {
        try checkCount(n, "permutation")
        try Shape.checkArray([n], scalarSize: MemoryLayout<Int>.stride, operation: "permutation")
        var result = Array(0..<n)
        shuffle(&result)
        return result
    }

    /// A shuffled copy of `elements` (`permutation(array)`); the draws are those of `permutation(count)`.
    public mutating func permutation<T>(_ elements: [T]) -> [T] {
        var copy = elements
        shuffle(&copy)
        return copy
    }

    /// `size` distinct integers from `0..<n` (`choice(n, size, replace=False)`): the first `size`
    /// entries of a full permutation, as NumPy draws them — or, with `replace`, `randint(0, n, size)`.
    /// - Throws: ``LearnError/invalidParameter(name:expected:got:)`` when `size > n` without replacement,
    ///   or when `n <= 0` with `size > 0`.
    public mutating func choice(_ n: Int, size: Int, replace: Bool = false) throws -> [Int] {
        try checkCount(size, "choice")
        guard n > 0 || size == 0 else {
            throw LearnError.invalidParameter(name: "n", expected: "a positive population in choice", got: "\(n)")
        }
        if replace { return try randint(low: 0, high: n, count: size) }
        guard size <= n else {
            throw LearnError.invalidParameter(
                name: "size", expected: "at most the population (\(n)) when replace is false", got: "\(size)")
        }
        return Array(try permutation(n)[0..<size])
    }

    /// `size` elements of `elements` chosen as ``choice(_:size:replace:)`` chooses their indices.
    public mutating func choice<T>(_ elements: [T], size: Int, replace: Bool = false) throws -> [T] {
        try choice(elements.count, size: size, replace: replace).map { elements[$0] }
    }
}
