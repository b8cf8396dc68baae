import LearnCore
import Testing

/// Products through BLAS against NumPy, in both precisions, every transpose combination,
/// and the degenerate 1×n / n×1 shapes.
@Suite struct BLASTests {
    let ref = ReferenceData.shared

    @Test(arguments: [false, true])
    func matmulMatchesNumPyForEveryTransposeCombination(single: Bool) throws {
        if single { try check(Float.self) } else { try check(Double.self) }
    }

    private func check<S: LearnScalar>(_ type: S.Type) throws {
        let a = try ref.input("A34", as: type), b = try ref.input("B42", as: type)
        let c = try ref.input("C32", as: type), d = try ref.input("D23", as: type)
        expectReference(try matmul(a, b), try ref.array("blas", "A34_B42"), "A·B")
        expectReference(try matmul(a, c, transposeA: true), try ref.array("blas", "A34T_C32"), "Aᵀ·C")
        expectReference(try matmul(c, a, transposeA: true), try ref.array("blas", "C32T_A34"), "Cᵀ·A")
        expectReference(try matmul(a, a, transposeB: true), try ref.array("blas", "A34_A34T"), "A·Aᵀ")
        expectReference(
            try matmul(a, d, transposeA: true, transposeB: true), try ref.array("blas", "A34T_D23T"), "Aᵀ·Dᵀ")
        let row = try ref.input("R1", as: type), column = try ref.input("C1", as: type)
        expectReference(try matmul(column, row), try ref.array("blas", "C1_R1"), "n×1 · 1×n")
        expectReference(try matmul(row, column), try ref.array("blas", "R1_C1"), "1×n · n×1")
        expectReference(try a.matvec(try b.column(0)), try ref.array("blas", "A34_vec4").data, "A·x")
        expectReference(try a.matvec(try c.column(0), transpose: true), try ref.array("blas", "A34T_vec3").data, "Aᵀ·x")
    }

    @Test func vectorRoutinesMatchNumPy() throws {
        let x = try ref.input("VEC_X").scalars, y = try ref.input("VEC_Y").scalars
        #expect(abs(try dot(x, y) - (try ref.scalar("blas", "dot"))) < 1e-12)
        var z = y
        try axpy(alpha: 2.5, x, &z)
        expectReference(z, try ref.array("blas", "axpy_2.5").data, "axpy")
        var w = x
        try scal(alpha: -1.5, &w)
        expectReference(w, try ref.array("blas", "scal_-1.5").data, "scal")
        #expect(abs(try nrm2(x) - (try ref.scalar("blas", "nrm2"))) < 1e-12)
        let xf = x.map(Float.init), yf = y.map(Float.init)
        #expect(abs(Double(try dot(xf, yf)) - (try ref.scalar("blas", "dot"))) < 1e-4)
    }

    @Test func nrm2DoesNotOverflowWhereTheNaiveFormulaWould() throws {
        let norm = try nrm2([3e200, 4e200])
        #expect(norm.isFinite && abs(norm - 5e200) <= 1e-15 * 5e200)
    }

    @Test func gemmAccumulatesIntoAnExistingMatrix() throws {
        let a = try Matrix<Double>([[1, 2], [3, 4]])
        var c = try Matrix<Double>([[10, 20], [30, 40]])
        try gemm(alpha: 2, a, a, beta: 0.5, into: &c)
        // 2·A·A + 0.5·C, with A·A = [[7, 10], [15, 22]]
        #expect(c == (try Matrix<Double>([[19, 30], [45, 64]])))
    }

    @Test func emptyInnerDimensionGivesZeros() throws {
        let a = try Matrix<Double>.zeros(3, 0), b = try Matrix<Double>.zeros(0, 2)
        #expect(try matmul(a, b) == (try Matrix<Double>.zeros(3, 2)))
        #expect(try matmul(b, a, transposeA: true, transposeB: true).shape == [2, 3])
    }

    @Test func mismatchedShapesThrowAndSayWhatWasExpected() throws {
        let a = try ref.input("A34"), c = try ref.input("C32")
        expectError(
            .shapeMismatch(
                operation: "matmul", expected: "inner sizes to agree: op(a) is 3 × 4, so op(b) needs 4 rows",
                got: "op(b) of 3 × 2")
        ) { try matmul(a, c) }
        expectError(.shapeMismatch(operation: "matvec", expected: "a vector of 4 for a 3 × 4 matrix", got: "3")) {
            try a.matvec([1, 2, 3])
        }
        expectError(.shapeMismatch(operation: "dot", expected: "vectors of equal length (2)", got: "3")) {
            try dot([1.0, 2], [1, 2, 3])
        }
        var y = [1.0]
        expectError(.shapeMismatch(operation: "axpy", expected: "vectors of equal length (2)", got: "1")) {
            try axpy(alpha: 1, [1, 2], &y)
        }
        var c2 = try Matrix<Double>.zeros(2, 2)
        expectError(.shapeMismatch(operation: "gemm", expected: "c of 3 × 3", got: "2 × 2")) {
            try gemm(alpha: 1, a, a, transposeB: true, beta: 0, into: &c2)
        }
    }

    @Test func recommendedCoreTypeFollowsTheCPUAndTheCoreInUse() {
        let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        #expect(BLASRuntime.recommendedCoreType(forCore: "Prescott", cpuFlags: avx512) == "SkylakeX")
        #expect(BLASRuntime.recommendedCoreType(forCore: "SkylakeX", cpuFlags: avx512) == nil)
        #expect(BLASRuntime.recommendedCoreType(forCore: "Haswell", cpuFlags: avx512) == "SkylakeX")
        #expect(BLASRuntime.recommendedCoreType(forCore: "Prescott", cpuFlags: ["avx2", "fma"]) == "Haswell")
        #expect(BLASRuntime.recommendedCoreType(forCore: "Haswell", cpuFlags: ["avx2", "fma"]) == nil)
        #expect(BLASRuntime.recommendedCoreType(forCore: "Prescott", cpuFlags: ["sse2"]) == nil)
    }

    @Test func threadCountCanBeSet() {
        let before = BLASRuntime.threadCount
        BLASRuntime.setThreadCount(1)
        #expect(BLASRuntime.threadCount == 1)
        BLASRuntime.setThreadCount(before)
    }
}
