import LearnCore
import Testing

/// Whole and per-axis reductions, log-sum-exp and softmax against NumPy/SciPy.
@Suite struct ReductionTests {
    let ref = ReferenceData.shared

    @Test(arguments: [false, true])
    func reductionsMatchNumPy(single: Bool) throws {
        if single { try check(Float.self) } else { try check(Double.self) }
    }

    private func check<S: LearnScalar>(_ type: S.Type) throws {
        let x = try ref.input("X", as: type)
        expectReference([x.sum()], [try ref.scalar("reductions", "sum")], "sum")
        expectReference(try x.sum(axis: 0), try ref.array("reductions", "sum0").data, "sum axis 0")
        expectReference(try x.sum(axis: -1), try ref.array("reductions", "sum1").data, "sum axis -1")
        expectReference([try x.mean()], [try ref.scalar("reductions", "mean")], "mean")
        expectReference(try x.mean(axis: 0), try ref.array("reductions", "mean0").data, "mean axis 0")
        expectReference(try x.mean(axis: 1), try ref.array("reductions", "mean1").data, "mean axis 1")
        expectReference([try x.variance()], [try ref.scalar("reductions", "var")], "var")
        expectReference(try x.variance(axis: 0), try ref.array("reductions", "var0").data, "var axis 0")
        expectReference(
            try x.variance(axis: 1, ddof: 1), try ref.array("reductions", "var1_ddof1").data, "var axis 1 ddof 1")
        expectReference(try x.standardDeviation(axis: 0), try ref.array("reductions", "std0").data, "std axis 0")
        expectReference([try x.standardDeviation()], [try ref.scalar("reductions", "std")], "std")
        expectReference(
            [try x.min(), try x.max()], [try ref.scalar("reductions", "min"), try ref.scalar("reductions", "max")],
            "min, max")
        expectReference(try x.min(axis: 0), try ref.array("reductions", "min0").data, "min axis 0")
        expectReference(try x.max(axis: 1), try ref.array("reductions", "max1").data, "max axis 1")
        #expect(try x.argmax() == (try ref.integers("reductions", "argmax")[0]))
        #expect(try x.argmin() == (try ref.integers("reductions", "argmin")[0]))
        #expect(try x.argmax(axis: 0) == (try ref.integers("reductions", "argmax0")))
        #expect(try x.argmin(axis: 1) == (try ref.integers("reductions", "argmin1")))
        expectReference([try x.logSumExp()], [try ref.scalar("reductions", "logsumexp")], "logsumexp")
        expectReference(try x.logSumExp(axis: 0), try ref.array("reductions", "logsumexp0").data, "logsumexp axis 0")
        expectReference(try x.logSumExp(axis: 1), try ref.array("reductions", "logsumexp1").data, "logsumexp axis 1")
        expectReference(try x.softmax(axis: 1), try ref.array("reductions", "softmax1"), "softmax axis 1")
        expectReference(try x.softmax(axis: 0), try ref.array("reductions", "softmax0"), "softmax axis 0")
        expectReference(try x.logSoftmax(axis: 1), try ref.array("reductions", "log_softmax1"), "log-softmax axis 1")
    }

    @Test func logSumExpAndSoftmaxStayFiniteForHugeValues() throws {
        let large = try ref.input("LARGE")
        expectReference(try large.logSumExp(axis: 1), try ref.array("reductions", "logsumexp_large1").data, "logsumexp")
        expectReference(try large.softmax(axis: 1), try ref.array("reductions", "softmax_large1"), "softmax")
        let minusInfinity = Matrix<Double>(row: [-.infinity, -.infinity])
        #expect(try minusInfinity.logSumExp() == -.infinity)
    }

    @Test func tensorReductionsAlongEachAxisMatchNumPy() throws {
        let (shape, data) = try ref.array("inputs", "T3")
        let t = try Tensor<Double>(shape: shape, scalars: data)
        let sum1 = try t.sum(axis: 1)
        #expect(sum1.shape == [2, 4])
        expectReference(sum1.scalars, try ref.array("reductions", "T3_sum1").data, "sum axis 1")
        expectReference(try t.max(axis: 2).scalars, try ref.array("reductions", "T3_max2").data, "max axis 2")
        expectReference(try t.mean(axis: 0).scalars, try ref.array("reductions", "T3_mean0").data, "mean axis 0")
        expectReference(
            try t.softmax(axis: 1).scalars, try ref.array("reductions", "T3_softmax1").data, "softmax axis 1")
    }

    @Test func longSumsAreAccurate() {
        // 0.1 is inexact; eight accumulators keep 10⁶ of them within 1e-9 of 100000.
        let values = Matrix<Double>(row: [Double](repeating: 0.1, count: 1_000_000))
        #expect(abs(values.sum() - 100_000) < 1e-6)
    }

    @Test func nanPropagatesThroughMaxMinAndArgmax() throws {
        let m = Matrix<Double>(row: [1, .nan, 3])
        #expect(try m.max().isNaN)
        #expect(try m.min().isNaN)
        #expect(try m.argmax() == 1)
    }

    @Test func emptyInputAndBadAxesThrow() throws {
        let empty = try Matrix<Double>.zeros(0, 3)
        #expect(empty.sum() == 0)
        #expect(try empty.sum(axis: 0) == [0, 0, 0])
        expectError(.emptyInput(operation: "mean()")) { try empty.mean() }
        expectError(.emptyInput(operation: "max()")) { try empty.max() }
        expectError(.emptyInput(operation: "max(axis:)")) { try empty.max(axis: 0) }
        expectError(.emptyInput(operation: "argmax(axis:)")) { try empty.argmax(axis: 0) }
        expectError(.emptyInput(operation: "mean(axis:)")) { try empty.mean(axis: 0) }
        expectError(
            .invalidParameter(name: "axis", expected: "an axis in -2..<2 for shape [0, 3]", got: "2 in sum(axis:)")
        ) {
            try empty.sum(axis: 2)
        }
        expectError(.invalidParameter(name: "ddof", expected: "less than the axis length 1", got: "1")) {
            try Matrix<Double>(row: [1]).variance(ddof: 1)
        }
    }
}
