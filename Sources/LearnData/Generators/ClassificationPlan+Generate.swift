import LearnCore

extension ClassificationPlan {
    /// Steps 4–14 of scikit-learn's `make_classification`, consuming draws in the same order.
    func generate(hypercube: Bool, shift: [Double]?, scale: [Double]?, shuffle: Bool,
                  using g: inout RandomState) throws -> (X: Matrix<Double>, y: [Int]) {
        let (n, f, k) = (nSamples, nFeatures, nInformative)
        var centroids = try hypercubeVertices(samples: clusterSizes.count, dimensions: k, using: &g)
            .map { $0 * (2 * classSep) - classSep }
        if !hypercube {
            let perCluster = try g.uniform(count: clusterSizes.count)
            for c in centroids.indices { centroids[c] *= perCluster[c / k] }
            let perDimension = try g.uniform(count: k)
            for c in centroids.indices { centroids[c] *= perDimension[c % k] }
        }
        var x = [Double](repeating: 0, count: n * f)
        var y = [Int](repeating: 0, count: n)
        x.withUnsafeMutableBufferPointer { x in
            for r in 0..<n { for j in 0..<k { x[r &* f &+ j] = g.standardNormal() } }
        }
        try mixClusters(&x, &y, centroids: centroids, using: &g)
        try addRedundantAndRepeated(&x, using: &g)
        let nRandom = f - k - nRedundant - nRepeated
        if nRandom > 0 {
            x.withUnsafeMutableBufferPointer { x in
                for r in 0..<n { for j in (f - nRandom)..<f { x[r &* f &+ j] = g.standardNormal() } }
            }
        }
        try flipLabels(&y, using: &g)
        let shiftValues = try shift ?? g.uniform(count: f).map { (2 * $0 - 1) * classSep }
        let scaleValues = try scale ?? g.uniform(count: f).map { 1 + 100 * $0 }
        var rowOrder = Array(0..<n)
        var columnOrder = Array(0..<f)
        if shuffle {
            g.shuffle(&rowOrder)
            g.shuffle(&columnOrder)
        }
        let result = Self.shiftScaleGather(x, columns: f, shift: shiftValues, scale: scaleValues, rows: rowOrder, columnOrder: columnOrder)
        return (try Matrix(rows: n, columns: f, scalars: result), rowOrder.map { y[$0] })
    }

    /// Step 7: each cluster's informative block becomes `Z · A + centroid`, with `A` drawn for every
    /// cluster (even an empty one) so the stream stays aligned with scikit-learn.
    private func mixClusters(_ x: inout [Double], _ y: inout [Int], centroids: [Double], using g: inout RandomState) throws {
        let (f, k) = (nFeatures, nInformative)
        var start = 0
        for (cluster, size) in clusterSizes.enumerated() {
            let (lower, upper) = (Swift.min(start, nSamples), Swift.min(start + size, nSamples))
            start += size
            let a = try g.uniform(count: k * k).map { 2 * $0 - 1 }
            for r in lower..<upper { y[r] = cluster % nClasses }
            guard upper > lower else { continue }
            let rows = upper - lower
            var mixed = [Double](repeating: 0, count: rows * k)
            try blockProduct(x, offset: lower * f, rows: rows, stride: f, depth: k, by: a, columns: k, into: &mixed)
            x.withUnsafeMutableBufferPointer { x in
                for r in 0..<rows {
                    for l in 0..<k { x[(lower &+ r) &* f &+ l] = mixed[r &* k &+ l] + centroids[cluster &* k &+ l] }
                }
            }
        }
    }

    /// Steps 8–9: redundant columns `Z · B`, then repeated copies of earlier columns.
    private func addRedundantAndRepeated(_ x: inout [Double], using g: inout RandomState) throws {
        let (n, f, k) = (nSamples, nFeatures, nInformative)
        if nRedundant > 0 {
            let b = try g.uniform(count: k * nRedundant).map { 2 * $0 - 1 }
            var redundant = [Double](repeating: 0, count: n * nRedundant)
            try blockProduct(x, offset: 0, rows: n, stride: f, depth: k, by: b, columns: nRedundant, into: &redundant)
            for r in 0..<n { for m in 0..<nRedundant { x[r * f + k + m] = redundant[r * nRedundant + m] } }
        }
        if nRepeated > 0 {
            let firstFree = k + nRedundant
            let sources = try g.uniform(count: nRepeated).map { Int(Double(firstFree - 1) * $0 + 0.5) }
            x.withUnsafeMutableBufferPointer { x in
                for r in 0..<n {
                    for (t, source) in sources.enumerated() { x[r &* f &+ firstFree &+ t] = x[r &* f &+ source] }
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

    /// `out = x[rows, :] · b` for a block of `rows × depth` values at `offset` with row stride
    /// `stride`, through the core's BLAS gemm.
    private func blockProduct(_ x: [Double], offset: Int, rows: Int, stride: Int, depth: Int,
                              by b: [Double], columns: Int, into out: inout [Double]) throws {
        let block = try Matrix<Double>(rows: rows, columns: depth, scalars: x.withUnsafeBufferPointer { x in
            (0..<rows).flatMap { r in x[(offset + r * stride)..<(offset + r * stride + depth)] }
        })
        out = try matmul(block, Matrix(rows: depth, columns: columns, scalars: b)).scalars
    }

    /// Steps 12–14 in one pass: `(x + shift) * scale`, rows and columns gathered in shuffled order.
    static func shiftScaleGather(_ x: [Double], columns f: Int, shift: [Double], scale: [Double],
                                 rows: [Int], columnOrder: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                let shift = columnOrder.map { shift[$0] }
                let scale = columnOrder.map { scale[$0] }
                for (i, source) in rows.enumerated() {
                    let from = source &* f
                    let to = i &* f
                    for j in 0..<f { out[to &+ j] = (x[from &+ columnOrder[j]] + shift[j]) * scale[j] }
                }
            }
        }
        return out
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
