/// NumPy broadcasting and axis splitting for ``Tensor`` and ``Matrix``; the loops themselves are the
/// scalar type's kernels. Element counts and checked size arithmetic are in `Shape.swift`.
extension Shape {
    /// NumPy's broadcast of two shapes: aligned from the right, each pair equal or one of them 1.
    static func broadcast(_ lhs: [Int], _ rhs: [Int], operation: String) throws -> [Int] {
        let rank = max(lhs.count, rhs.count)
        let left = Array(repeating: 1, count: rank - lhs.count) + lhs
        let right = Array(repeating: 1, count: rank - rhs.count) + rhs
        var result = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let (l, r) = (left[axis], right[axis])
            guard l == r || l == 1 || r == 1 else {
                throw LearnError.shapeMismatch(
                    operation: operation, expected: "shapes that broadcast (equal dimensions or 1)",
                    got: "\(lhs) and \(rhs)")
            }
            result[axis] = l == 1 ? r : l
        }
        return result
    }

    /// Splits `shape` around `axis` (negative counts from the end) into `outer × length × inner`.
    static func split(_ shape: [Int], axis: Int, operation: String) throws -> (
        outer: Int, length: Int, inner: Int, axis: Int
    ) {
        let normalized = axis < 0 ? axis + shape.count : axis
        guard normalized >= 0 && normalized < shape.count else {
            throw LearnError.invalidParameter(
                name: "axis", expected: "an axis in \(-shape.count)..<\(shape.count) for shape \(shape)",
                got: "\(axis) in \(operation)")
        }
        let outer = shape[..<normalized].reduce(1, *)
        let inner = shape[(normalized + 1)...].reduce(1, *)
        return (outer, shape[normalized], inner, normalized)
    }

    /// Row-major strides of a shape whose broadcast (size-1) axes get stride 0.
    private static func broadcastStrides(_ shape: [Int], rank: Int) -> [Int] {
        let padded = Array(repeating: 1, count: rank - shape.count) + shape
        var strides = [Int](repeating: 0, count: rank)
        var step = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        return strides
    }

    /// Applies `operation` elementwise over broadcast operands into `out` (shape `outShape`).
    ///
    /// Adjacent axes that are contiguous in both operands are merged first, so the common cases
    /// (same shape, scalar, row or column broadcast) become one or a few long kernel calls.
    static func applyBroadcast<S: LearnScalar>(
        _ operation: BinaryOperation, lhs: UnsafePointer<S>, lhsShape: [Int], rhs: UnsafePointer<S>, rhsShape: [Int],
        out: UnsafeMutablePointer<S>, outShape: [Int]
    ) {
        let rank = outShape.count
        guard !outShape.contains(0) else { return }
        var sizes = outShape
        var lStrides = broadcastStrides(lhsShape, rank: rank)
        var rStrides = broadcastStrides(rhsShape, rank: rank)
        // Axes of length 1 contribute nothing; drop them.
        for axis in stride(from: rank - 1, through: 0, by: -1) where sizes[axis] == 1 && sizes.count > 1 {
            sizes.remove(at: axis)
            lStrides.remove(at: axis)
            rStrides.remove(at: axis)
        }
        // Merge axis i into axis i+1 while both operands step through the pair as one run.
        var axis = sizes.count - 2
        while axis >= 0 {
            if lStrides[axis] == lStrides[axis + 1] * sizes[axis + 1]
                && rStrides[axis] == rStrides[axis + 1] * sizes[axis + 1]
            {
                sizes[axis + 1] *= sizes[axis]
                sizes.remove(at: axis)
                lStrides.remove(at: axis)
                rStrides.remove(at: axis)
            }
            axis -= 1
        }
        let innerCount = sizes.last ?? 1
        let lInner = lStrides.last ?? 0
        let rInner = rStrides.last ?? 0
        let outerRank = max(sizes.count - 1, 0)
        let outerCount = sizes.dropLast().reduce(1, *)
        var index = [Int](repeating: 0, count: outerRank)
        var lOffset = 0, rOffset = 0
        for block in 0..<outerCount {
            S.binaryKernel(
                operation, lhs: lhs + lOffset, lhsStride: lInner, rhs: rhs + rOffset, rhsStride: rInner,
                out: out + block * innerCount, count: innerCount)
            // Odometer over the outer axes, keeping each operand's offset in step.
            var a = outerRank - 1
            while a >= 0 {
                index[a] += 1
                lOffset += lStrides[a]
                rOffset += rStrides[a]
                if index[a] < sizes[a] { break }
                lOffset -= lStrides[a] * sizes[a]
                rOffset -= rStrides[a] * sizes[a]
                index[a] = 0
                a -= 1
            }
        }
    }
}
