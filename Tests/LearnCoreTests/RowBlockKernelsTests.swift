import CLearnKernels
import Foundation
import LearnTestSupport
import Testing

@testable import LearnCore

/// The row-block kernels against `matmul` (the fused C kernels — AVX2 + FMA on CPUs that have it —,
/// their portable C bodies, and the BLAS route taken on other CPUs),
/// over ragged shapes, misaligned starts and prefetch ranges; the vectorised `exp` against the C
/// library's; and the finiteness check at every position of its unrolled loop.
@Suite struct RowBlockKernelsTests {
    typealias Products = (
        UnsafePointer<Double>, Int, Int, UnsafePointer<Double>, Int, Int, UnsafeMutablePointer<Double>,
        UnsafePointer<Double>?, Int
    ) -> Void
    typealias Accumulate = (
        UnsafePointer<Double>, Int, Int, UnsafePointer<Double>, Int, UnsafeMutablePointer<Double>, Int,
        UnsafePointer<Double>?, Int
    ) -> Void

    /// The fused kernels (AVX2 + FMA where the CPU has them), the BLAS route, and the portable C.
    static var bodies: [(name: String, products: Products, accumulate: Accumulate)] {
        [
            ("fused", route(fused: true).products, route(fused: true).accumulate),
            ("BLAS", route(fused: false).products, route(fused: false).accumulate),
            (
                "portable",
                { x, r, f, w, k, ldw, z, p, pc in learn_row_products_portable(x, r, f, w, k, ldw, z, p, pc) },
                { x, r, f, z, k, g, ldg, p, pc in learn_accumulate_rows_portable(x, r, f, z, k, g, ldg, p, pc) }
            )
        ]
    }

    static func route(fused: Bool) -> (products: Products, accumulate: Accumulate) {
        (
            { x, r, f, w, k, ldw, z, p, pc in
                RowBlockKernels.products(
                    x, rows: r, columns: f, weights: w, classes: k, weightStride: ldw, into: z,
                    prefetching: p.map { UnsafeBufferPointer(start: $0, count: pc) }, fused: fused)
            },
            { x, r, f, z, k, g, ldg, p, pc in
                RowBlockKernels.accumulateProducts(
                    x, rows: r, columns: f, coefficients: z, classes: k, into: g, gradientStride: ldg,
                    prefetching: p.map { UnsafeBufferPointer(start: $0, count: pc) }, fused: fused)
            }
        )
    }

    @Test(arguments: [0, 1, 2])
    func productsAndAccumulationMatchMatmul(body: Int) throws {
        let (name, products, accumulate) = Self.bodies[body]
        var rng = RandomState(seed: 7)
        for rows in [0, 1, 3, 4, 5, 8, 13] {
            for columns in [1, 3, 4, 5, 7, 8, 9, 13, 50, 100] {
                for classes in [1, 2, 3, 5] {
                    // A start 0–3 doubles past a 32-byte boundary exercises every alignment peel.
                    let offset = (rows + columns + classes) % 4
                    let ldw = columns + 1
                    let buffer = try rng.randomSample(count: offset + rows * columns + 2 * columns).map { $0 - 0.5 }
                    let weights = try rng.randomSample(count: classes * ldw).map { 2 * $0 - 1 }
                    let x = Array(buffer[offset..<(offset + rows * columns)])
                    let block = try Matrix(rows: rows, columns: columns, scalars: x)
                    let w = try Matrix(
                        rows: classes, columns: columns,
                        scalars: (0..<classes).flatMap { weights[($0 * ldw)..<($0 * ldw + columns)] })
                    let expectedZ = try matmul(block, w, transposeB: true)
                    var z = [Double](repeating: .nan, count: rows * classes)
                    let start = try rng.randomSample(count: classes * ldw)
                    var g = start
                    buffer.withUnsafeBufferPointer { buffer in
                        let x = buffer.baseAddress! + offset
                        // Prefetch the values after the block, as the objective does (never read).
                        products(x, rows, columns, weights, classes, ldw, &z, x + rows * columns, 2 * columns)
                        z.withUnsafeBufferPointer { zb in
                            accumulate(
                                x, rows, columns, zb.baseAddress!, classes, &g, ldw, rows > 2 ? x : nil, rows * columns)
                        }
                    }
                    let shape = "\(name) \(rows)×\(columns), \(classes) classes"
                    // The fused kernel sums in another order than dgemm: a few ulps of float64.
                    expectClose(z, expectedZ.scalars, tolerance: 1e-13, "products \(shape)")
                    let zMatrix = try Matrix(rows: rows, columns: classes, scalars: z)
                    let added = try matmul(zMatrix, block, transposeA: true)
                    let expectedG = (0..<(classes * ldw)).map { i in
                        i % ldw < columns ? start[i] + added.scalars[(i / ldw) * columns + i % ldw] : start[i]
                    }
                    expectClose(g, expectedG, tolerance: 1e-13, "accumulation \(shape) (intercept slots untouched)")
                }
            }
        }
    }

    @Test func blockRowsFitTheCacheAndAreMultiplesOfFour() {
        #expect(RowBlockKernels.blockRows(columns: 100, fused: true) == 8)
        #expect(RowBlockKernels.blockRows(columns: 50, fused: true) == 20)
        #expect(RowBlockKernels.blockRows(columns: 1, fused: true) == 512)
        #expect(RowBlockKernels.blockRows(columns: 100_000, fused: true) == 4)
        #expect(RowBlockKernels.blockRows(columns: 0, fused: true) == 512)
        #expect(RowBlockKernels.blockRows(columns: 100, fused: false) == 324)
        #expect(RowBlockKernels.blockRows(columns: 1, fused: false) == 8192)
        #expect(
            RowBlockKernels.blockRows(columns: 100)
                == RowBlockKernels.blockRows(columns: 100, fused: RowBlockKernels.usesVectorUnits))
    }

    @Test func prefetchSplitCoversTheNextBlockOnce() {
        let values = [Double](repeating: 1, count: 11)
        values.withUnsafeBufferPointer { next in
            let (first, second) = RowBlockKernels.splitForPrefetch(next)
            #expect(first?.baseAddress == next.baseAddress && first?.count == 5)
            #expect(second?.baseAddress == next.baseAddress! + 5 && second?.count == 6)
        }
        let (none, nothing) = RowBlockKernels.splitForPrefetch(nil)
        #expect(none == nil && nothing == nil)
    }

    @Test(arguments: [0, 1])
    func vectorExpIsWithinOneUlpOfTheCLibrary(body: Int) {
        // 200,003 points (not a multiple of 4: the scalar tail runs too) across the normal range.
        let count = 200_003
        let inputs = (0..<count).map { -708 + 1417.5 * Double($0) / Double(count - 1) }
        var outputs = [Double](repeating: 0, count: count)
        inputs.withUnsafeBufferPointer { x in
            outputs.withUnsafeMutableBufferPointer { y in
                if body == 0 {
                    RowBlockKernels.exp(x.baseAddress!, into: y.baseAddress!, count: count)
                } else {
                    learn_exp_portable(x.baseAddress!, y.baseAddress!, count)
                }
            }
        }
        var worst = 0.0
        for (x, y) in zip(inputs, outputs) {
            let expected = Foundation.exp(x)
            worst = max(worst, abs(y - expected) / expected.ulp)
        }
        #expect(worst <= 1, "worst error \(worst) ulp")
    }

    @Test func vectorExpHandlesTheEdgesAsIEEE() {
        let inputs: [Double] = [
            0, -0.0, 1, -1, .infinity, -.infinity, .nan, -746, -745.2, -740, -720, 709.78, 709.8, 710, 1e308,
            -1e308, .leastNonzeroMagnitude
        ]
        var outputs = inputs
        outputs.withUnsafeMutableBufferPointer { y in
            RowBlockKernels.exp(y.baseAddress!, into: y.baseAddress!, count: y.count)
        }
        for (x, y) in zip(inputs, outputs) {
            let expected = Foundation.exp(x)
            if expected.isNaN {
                #expect(y.isNaN, "exp(\(x))")
            } else if expected.isInfinite || expected == 0 || expected == 1 {
                #expect(y == expected, "exp(\(x)) = \(y), expected \(expected)")
            } else if expected < Double.leastNormalMagnitude {
                // Subnormal results carry fewer bits; a few units in the last place of the subnormal scale.
                #expect(abs(y - expected) <= 4 * .leastNonzeroMagnitude, "exp(\(x)) = \(y), expected \(expected)")
            } else {
                #expect(abs(y - expected) <= expected.ulp, "exp(\(x)) = \(y), expected \(expected)")
            }
        }
    }

    @Test func finiteCheckSeesANonFiniteValueAtEveryPosition() throws {
        for count in 1...20 {
            let clean = [Double](repeating: 1.5, count: count)
            #expect(try Matrix(rows: 1, columns: count, scalars: clean).isFinite)
            for position in 0..<count {
                for bad in [Double.nan, .infinity, -.infinity] {
                    var values = clean
                    values[position] = bad
                    #expect(
                        !(try Matrix(rows: 1, columns: count, scalars: values).isFinite),
                        "\(bad) at \(position) of \(count)")
                }
            }
        }
    }
}
