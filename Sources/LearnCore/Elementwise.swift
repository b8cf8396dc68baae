/// The array-level drivers behind ``Tensor`` and ``Matrix`` arithmetic, maps and reductions.
/// Both types describe their elements as `(shape, scalars)` and call these, so every loop exists once.
enum Elementwise {
    /// A new array of `count` elements written by `body` (no zero-fill first; large buffers get
    /// huge-page advice before their first touch).
    @inline(__always)
    static func makeArray<S>(count: Int, _ body: (UnsafeMutablePointer<S>) -> Void) -> [S] {
        [S](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<S>.stride)
                body(base)
            }
            initialized = count
        }
    }

    /// A new array of `count` copies of `value` (huge-page advice as ``makeArray(count:_:)``).
    static func filledArray<S>(count: Int, value: S) -> [S] {
        makeArray(count: count) { out in out.initialize(repeating: value, count: count) }
    }

    /// `lhs ∘ rhs` with NumPy broadcasting.
    static func binary<S: LearnScalar>(
        _ op: BinaryOperation, _ lhs: [S], _ lhsShape: [Int], _ rhs: [S], _ rhsShape: [Int], operation: String
    ) throws -> (shape: [Int], scalars: [S]) {
        let shape = try Shape.broadcast(lhsShape, rhsShape, operation: operation)
        let count = shape.reduce(1, *)
        let result: [S] = lhs.withUnsafeBufferPointer { l in
            rhs.withUnsafeBufferPointer { r in
                makeArray(count: count) { out in
                    guard let lBase = l.baseAddress, let rBase = r.baseAddress else { return }
                    Shape.applyBroadcast(
                        op, lhs: lBase, lhsShape: lhsShape, rhs: rBase, rhsShape: rhsShape, out: out, outShape: shape)
                }
            }
        }
        return (shape, result)
    }

    /// `lhs ∘= rhs` in place; `rhs` must broadcast to `lhsShape` itself.
    static func binaryInPlace<S: LearnScalar>(
        _ op: BinaryOperation, _ lhs: UnsafeMutableBufferPointer<S>, _ lhsShape: [Int], _ rhs: [S], _ rhsShape: [Int],
        operation: String
    ) throws {
        let shape = try Shape.broadcast(lhsShape, rhsShape, operation: operation)
        guard shape == lhsShape else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "a right operand that broadcasts to the left shape \(lhsShape)",
                got: "\(rhsShape)")
        }
        rhs.withUnsafeBufferPointer { r in
            guard let lBase = lhs.baseAddress, let rBase = r.baseAddress else { return }
            Shape.applyBroadcast(
                op, lhs: lBase, lhsShape: lhsShape, rhs: rBase, rhsShape: rhsShape, out: lBase, outShape: lhsShape)
        }
    }

    static func scalar<S: LearnScalar>(_ op: BinaryOperation, _ array: [S], _ value: S, scalarOnLeft: Bool = false)
        -> [S]
    {
        var value = value
        return array.withUnsafeBufferPointer { a in
            withUnsafePointer(to: &value) { v in
                makeArray(count: a.count) { out in
                    guard let base = a.baseAddress else { return }
                    if scalarOnLeft {
                        S.binaryKernel(op, lhs: v, lhsStride: 0, rhs: base, rhsStride: 1, out: out, count: a.count)
                    } else {
                        S.binaryKernel(op, lhs: base, lhsStride: 1, rhs: v, rhsStride: 0, out: out, count: a.count)
                    }
                }
            }
        }
    }

    /// `array ∘= scalar` in place.
    static func scalarInPlace<S: LearnScalar>(_ op: BinaryOperation, _ array: UnsafeMutableBufferPointer<S>, _ value: S)
    {
        var value = value
        withUnsafePointer(to: &value) { v in
            guard let base = array.baseAddress else { return }
            S.binaryKernel(op, lhs: base, lhsStride: 1, rhs: v, rhsStride: 0, out: base, count: array.count)
        }
    }

    static func unary<S: LearnScalar>(_ op: UnaryOperation<S>, _ array: [S]) -> [S] {
        array.withUnsafeBufferPointer { a in
            makeArray(count: a.count) { out in
                guard let base = a.baseAddress else { return }
                S.unaryKernel(op, input: base, out: out, count: a.count)
            }
        }
    }

    /// Reduces `axis` of `shape`; the result's shape drops that axis.
    static func reduce<S: LearnScalar>(
        _ op: ReductionOperation, _ array: [S], _ shape: [Int], axis: Int, operation: String
    ) throws -> (shape: [Int], scalars: [S]) {
        let (outer, length, inner, axis) = try Shape.split(shape, axis: axis, operation: operation)
        try checkLength(op, length, operation: operation)
        var resultShape = shape
        resultShape.remove(at: axis)
        let result: [S] = array.withUnsafeBufferPointer { a in
            makeArray(count: outer * inner) { out in
                guard let base = a.baseAddress else {
                    for i in 0..<(outer * inner) { out[i] = 0 } // sum over an empty axis
                    return
                }
                S.reductionKernel(op, input: base, outer: outer, length: length, inner: inner, out: out)
            }
        }
        return (resultShape, result)
    }

    /// Reduces every element to one value.
    static func reduceAll<S: LearnScalar>(_ op: ReductionOperation, _ array: [S], operation: String) throws -> S {
        try reduce(op, array, [array.count], axis: 0, operation: operation).scalars[0]
    }

    /// Index of the extreme value along `axis`; the result's shape drops that axis.
    static func argReduce<S: LearnScalar>(
        _ op: ArgReductionOperation, _ array: [S], _ shape: [Int], axis: Int, operation: String
    ) throws -> (shape: [Int], indices: [Int]) {
        let (outer, length, inner, axis) = try Shape.split(shape, axis: axis, operation: operation)
        guard length > 0 else { throw LearnError.emptyInput(operation: operation) }
        var resultShape = shape
        resultShape.remove(at: axis)
        let indices: [Int] = array.withUnsafeBufferPointer { a in
            makeArray(count: outer * inner) { out in
                guard let base = a.baseAddress else { return }
                S.argReductionKernel(op, input: base, outer: outer, length: length, inner: inner, out: out)
            }
        }
        return (resultShape, indices)
    }

    /// Softmax or log-softmax along `axis`; the shape is unchanged.
    static func softmax<S: LearnScalar>(_ array: [S], _ shape: [Int], axis: Int, logarithm: Bool, operation: String)
        throws -> [S]
    {
        let (outer, length, inner, _) = try Shape.split(shape, axis: axis, operation: operation)
        guard length > 0 else { throw LearnError.emptyInput(operation: operation) }
        return array.withUnsafeBufferPointer { a in
            makeArray(count: a.count) { out in
                guard let base = a.baseAddress else { return }
                S.softmaxKernel(input: base, outer: outer, length: length, inner: inner, out: out, logarithm: logarithm)
            }
        }
    }

    private static func checkLength(_ op: ReductionOperation, _ length: Int, operation: String) throws {
        switch op {
        case .sum: return
        case let .variance(ddof):
            guard ddof >= 0 else {
                throw LearnError.invalidParameter(name: "ddof", expected: "a non-negative integer", got: "\(ddof)")
            }
            guard length > ddof else {
                throw length == 0
                    ? LearnError.emptyInput(operation: operation)
                    : LearnError.invalidParameter(
                        name: "ddof", expected: "less than the axis length \(length)", got: "\(ddof)")
            }
        case .max, .min, .logSumExp:
            guard length > 0 else { throw LearnError.emptyInput(operation: operation) }
        }
    }
}
