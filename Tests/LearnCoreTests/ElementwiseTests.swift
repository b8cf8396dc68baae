import LearnCore
import Testing

/// Elementwise maps and NumPy broadcasting against NumPy/SciPy values.
@Suite struct ElementwiseTests {
    let ref = ReferenceData.shared

    @Test(arguments: [false, true])
    func unaryFunctionsMatchNumPy(single: Bool) throws {
        if single { try checkUnary(Float.self) } else { try checkUnary(Double.self) }
    }

    private func checkUnary<S: LearnScalar>(_ type: S.Type) throws {
        let x = try ref.input("X", as: type), positive = try ref.input("POS", as: type)
        expectReference(x.exp(), try ref.array("elementwise", "exp"), "exp")
        expectReference(positive.log(), try ref.array("elementwise", "log"), "log")
        expectReference(positive.log1p(), try ref.array("elementwise", "log1p"), "log1p")
        expectReference(x.tanh(), try ref.array("elementwise", "tanh"), "tanh")
        expectReference(x.sigmoid(), try ref.array("elementwise", "sigmoid"), "sigmoid")
        expectReference(x.relu(), try ref.array("elementwise", "relu"), "relu")
        expectReference(positive.sqrt(), try ref.array("elementwise", "sqrt"), "sqrt")
        expectReference(x.abs(), try ref.array("elementwise", "abs"), "abs")
        expectReference(try x.clipped(lower: -1, upper: 0.5), try ref.array("elementwise", "clip"), "clip")
        expectReference(x.squared().scalars, x.scalars.map { Double($0) * Double($0) }, "square")
        let extreme = Matrix<S>(row: [-800, -40, 0, 40, 800])
        expectReference(extreme.sigmoid(), try ref.array("elementwise", "sigmoid_extreme"), "sigmoid without overflow")
    }

    @Test(arguments: [false, true])
    func broadcastingMatchesNumPy(single: Bool) throws {
        if single { try checkBroadcast(Float.self) } else { try checkBroadcast(Double.self) }
    }

    private func checkBroadcast<S: LearnScalar>(_ type: S.Type) throws {
        let a = try ref.input("A34", as: type), x = try ref.input("X", as: type),
            positive = try ref.input("POS", as: type)
        expectReference(try a + (try a.row(1)), try ref.array("elementwise", "add_row"), "row broadcast")
        expectReference(
            try a - Matrix(column: try a.column(2)), try ref.array("elementwise", "sub_col"), "column broadcast")
        expectReference(try a * x, try ref.array("elementwise", "mul_same"), "same shape")
        expectReference(2 / positive, try ref.array("elementwise", "div_scalar_left"), "scalar on the left")
        expectReference(a - 0.75, try ref.array("elementwise", "sub_scalar"), "scalar on the right")
        expectReference(
            try ref.input("C1", as: type) * (try ref.input("R1", as: type)),
            try ref.array("elementwise", "outer_col_row"), "n×1 ∘ 1×n")
        expectReference(
            try x.maximum(Matrix(row: try x.row(0))), try ref.array("elementwise", "maximum_row"), "maximum")
        var inPlace = a
        try inPlace += a.row(1)
        expectReference(inPlace, try ref.array("elementwise", "add_row"), "in-place row broadcast")
    }

    @Test func tensorBroadcastingMatchesNumPyInThreeDimensions() throws {
        let (shape, data) = try ref.array("inputs", "T3")
        let t = try Tensor<Double>(shape: shape, scalars: data)
        let row = try Tensor<Double>(shape: [4], scalars: Array(data[0..<4]))
        expectReference(try (t + row).scalars, try ref.array("reductions", "T3_plus_row").data, "T3 + T3[0, 0]")
        let middle = try Tensor<Double>(shape: [2, 1, 4], scalars: Array(data[0..<4] + data[12..<16]))
        expectReference(try (t + middle).scalars, try ref.array("reductions", "T3_plus_mid").data, "T3 + T3[:, :1, :]")
    }

    @Test func arithmeticOperatorsComposeAndNegate() throws {
        let m = try Matrix<Double>([[1, 2], [3, 4]])
        #expect(try (m + m) * 0.5 == m)
        #expect((-m).scalars == [-1, -2, -3, -4])
        var n = m
        n *= 3
        n -= 1
        #expect(n.scalars == [2, 5, 8, 11])
        try n /= m
        #expect(n.scalars == [2, 2.5, 8.0 / 3.0, 11.0 / 4.0])
    }

    @Test func copiesAreIndependentCopyOnWrite() throws {
        let original = try Matrix<Double>([[1, 2], [3, 4]])
        var copy = original
        copy[0, 0] = 100
        try copy += original
        #expect(original.scalars == [1, 2, 3, 4])
        #expect(copy.scalars == [101, 4, 6, 8])
    }

    @Test func shapesThatDoNotBroadcastThrow() throws {
        let a = try Matrix<Double>.zeros(3, 4), b = try Matrix<Double>.zeros(2, 4)
        expectError(
            .shapeMismatch(
                operation: "Matrix + Matrix", expected: "shapes that broadcast (equal dimensions or 1)",
                got: "[3, 4] and [2, 4]")
        ) {
            try a + b
        }
        expectError(
            .shapeMismatch(
                operation: "Matrix + Matrix", expected: "shapes that broadcast (equal dimensions or 1)",
                got: "[3, 4] and [1, 3]")
        ) {
            try a + [1.0, 2, 3]
        }
        var row = try Matrix<Double>.zeros(1, 4)
        expectError(
            .shapeMismatch(
                operation: "Matrix += Matrix", expected: "a right operand that broadcasts to the left shape [1, 4]",
                got: "[3, 4]")
        ) {
            try row += a
        }
        expectError(.invalidParameter(name: "lower", expected: "lower <= upper (0.0)", got: "1.0")) {
            try a.clipped(lower: 1, upper: 0)
        }
    }
}
