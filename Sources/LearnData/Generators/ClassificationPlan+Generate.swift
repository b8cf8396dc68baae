import LearnCore

extension ClassificationPlan {
    /// Steps 4–14 of scikit-learn's `make_classification`, consuming draws in the same order.
    ///
    /// The column blocks (informative, redundant, random) are kept as separate contiguous matrices
    /// and only meet in the final pass, which shifts, scales and gathers rows and columns in
    /// shuffled order straight into the result.
    func generate(
        hypercube: Bool, shift: [Double]?, scale: [Double]?, shuffle: Bool,
        using g: inout RandomState
    ) throws -> (X: Matrix<Double>, y: [Int]) {
        let (n, f, k) = (nSamples, nFeatures, nInformative)
        let centroids = try drawCentroids(hypercube: hypercube, using: &g)
        var informative = try g.standardNormal(rows: n, columns: k)
        var y = [Int](repeating: 0, count: n)
        try mixClusters(&informative, &y, centroids: centroids, using: &g)
        var redundant = try Matrix<Double>.zeros(n, 0)
        if nRedundant > 0 {
            let b = try g.uniform(count: k * nRedundant).map { 2 * $0 - 1 }
            redundant = try matmul(informative, Matrix(rows: k, columns: nRedundant, scalars: b))
        }
        let repeatedSources = try g.uniform(count: nRepeated).map { Int(Double(k + nRedundant - 1) * $0 + 0.5) }
        let nRandom = f - k - nRedundant - nRepeated
        let random = try g.standardNormal(rows: n, columns: nRandom)
        try flipLabels(&y, using: &g)
        let shiftValues = try shift ?? g.uniform(count: f).map { (2 * $0 - 1) * classSep }
        let scaleValues = try scale ?? g.uniform(count: f).map { 1 + 100 * $0 }
        var rowOrder = Array(0..<n)
        var columnOrder = Array(0..<f)
        if shuffle {
            g.shuffle(&rowOrder)
            g.shuffle(&columnOrder)
        }
        let layout = ColumnLayout(
            informative: k, redundant: nRedundant, repeatedSources: repeatedSources, random: nRandom)
        let X = try layout.assemble(
            informative, redundant, random, shift: shiftValues, scale: scaleValues,
            rows: rowOrder, columns: columnOrder)
        return (X, rowOrder.map { y[$0] })
    }

    /// Steps 4–5: hypercube vertices at ±classSep, optionally scaled by random factors.
    private func drawCentroids(hypercube: Bool, using g: inout RandomState) throws -> [Double] {
        let k = nInformative
        var centroids = try hypercubeVertices(samples: clusterSizes.count, dimensions: k, using: &g)
            .map { $0 * (2 * classSep) - classSep }
        if !hypercube {
            let perCluster = try g.uniform(count: clusterSizes.count)
            for c in centroids.indices { centroids[c] *= perCluster[c / k] }
            let perDimension = try g.uniform(count: k)
            for c in centroids.indices { centroids[c] *= perDimension[c % k] }
        }
        return centroids
    }

    /// Step 7: each cluster's rows become `Z · A + centroid`, with `A` drawn for every cluster
    /// (even an empty one) so the stream stays aligned with scikit-learn.
    private func mixClusters(
        _ z: inout Matrix<Double>, _ y: inout [Int], centroids: [Double], using g: inout RandomState
    ) throws {
        let k = nInformative
        var start = 0
        for (cluster, size) in clusterSizes.enumerated() {
            let (lower, upper) = (Swift.min(start, nSamples), Swift.min(start + size, nSamples))
            start += size
            let a = try Matrix(rows: k, columns: k, scalars: g.uniform(count: k * k).map { 2 * $0 - 1 })
            for r in lower..<upper { y[r] = cluster % nClasses }
            guard upper > lower else { continue }
            let mixed = try matmul(z.rows(in: lower..<upper), a)
            mixed.withUnsafeBufferPointer { mixed in
                z.withUnsafeMutableBufferPointer { z in
                    for r in 0..<(upper - lower) {
                        for l in 0..<k { z[(lower &+ r) &* k &+ l] = mixed[r &* k &+ l] + centroids[cluster &* k &+ l] }
                    }
                }
            }
        }
    }

    /// Step 11: `flipY` of the labels are redrawn; the uniforms are drawn even when `flipY == 0`.
    private func flipLabels(_ y: inout [Int], using g: inout RandomState) throws {
        let u = try g.uniform(count: nSamples)
        let flipped = u.indices.filter { u[$0] < flipY }
        let labels = try g.randint(nClasses, count: flipped.count)
        for (index, label) in zip(flipped, labels) { y[index] = label }
    }
}

/// Where each of `make_classification`'s unshuffled columns comes from.
private struct ColumnLayout {
    let informative, redundant: Int
    let repeatedSources: [Int]
    let random: Int

    /// `(block, column)` of unshuffled column `c`: block 0 informative, 1 redundant, 2 random.
    func source(of c: Int) -> (block: Int, column: Int) {
        if c < informative { return (0, c) }
        if c < informative + redundant { return (1, c - informative) }
        if c < informative + redundant + repeatedSources.count {
            return source(of: repeatedSources[c - informative - redundant])
        }
        return (2, c - informative - redundant - repeatedSources.count)
    }

    /// Steps 12–14 in one pass: `out[i, j] = (x[rows[i], columns[j]] + shift) * scale`.
    func assemble(
        _ informativeBlock: Matrix<Double>, _ redundantBlock: Matrix<Double>, _ randomBlock: Matrix<Double>,
        shift: [Double], scale: [Double], rows: [Int], columns: [Int]
    ) throws -> Matrix<Double> {
        let f = columns.count
        let sources = columns.map { source(of: $0) }
        let widths = [informative, redundant, random]
        let shifted = columns.map { shift[$0] }
        let scaled = columns.map { scale[$0] }
        return try informativeBlock.withUnsafeBufferPointer { a in
            try redundantBlock.withUnsafeBufferPointer { b in
                try randomBlock.withUnsafeBufferPointer { c in
                    let bases = [a.baseAddress, b.baseAddress, c.baseAddress]
                    // Per output column: where its source column starts and its row stride.
                    let firsts = sources.map { source in bases[source.block].map { $0 + source.column } }
                    let strides = sources.map { widths[$0.block] }
                    var destination = [Int](repeating: 0, count: rows.count)
                    return try Matrix(rows: rows.count, columns: f) { out in
                        guard let out = out.baseAddress else { return }
                        firsts.withUnsafeBufferPointer { firsts in
                            strides.withUnsafeBufferPointer { strides in
                                shifted.withUnsafeBufferPointer { shifted in
                                    scaled.withUnsafeBufferPointer { scaled in
                                        // Scatter: read the blocks sequentially, write each row to
                                        // its shuffled place (random stores stall less than loads).
                                        for (i, sourceRow) in rows.enumerated() { destination[sourceRow] = i }
                                        for sourceRow in 0..<destination.count {
                                            let target = out + destination[sourceRow] &* f
                                            for j in 0..<f {
                                                guard let first = firsts[j] else { continue }
                                                target[j] = (first[sourceRow &* strides[j]] + shifted[j]) * scaled[j]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// scikit-learn's `_generate_hypercube`: `samples` distinct 0/1 vertices of a `dimensions`-cube,
/// row-major, most significant bit first; beyond 30 dimensions the extra leading columns are
/// random bits drawn first.
func hypercubeVertices(samples: Int, dimensions: Int, using g: inout RandomState) throws -> [Double] {
    if dimensions > 30 {
        let extra = dimensions - 30
        let left = try g.randint(2, count: samples * extra)
        let right = try hypercubeVertices(samples: samples, dimensions: 30, using: &g)
        var result: [Double] = []
        result.reserveCapacity(samples * dimensions)
        for r in 0..<samples {
            for bit in left[(r * extra)..<((r + 1) * extra)] { result.append(Double(bit)) }
            result.append(contentsOf: right[(r * 30)..<((r + 1) * 30)])
        }
        return result
    }
    let vertices = try g.sampleWithoutReplacement(nPopulation: 1 << dimensions, nSamples: samples)
    return vertices.flatMap { v in (0..<dimensions).map { c in Double((v >> (dimensions - 1 - c)) & 1) } }
}
