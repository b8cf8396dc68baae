import LearnCore
import Testing

/// Construction, element access, reshaping, slicing, joining and conversion.
@Suite struct StorageTests {
    @Test func constructorsBuildTheExpectedMatrices() throws {
        #expect(try Matrix<Double>.zeros(2, 3).scalars == [0, 0, 0, 0, 0, 0])
        #expect(try Matrix<Float>.ones(1, 2).scalars == [1, 1])
        #expect(try Matrix<Double>.full(2, 1, value: 7.5).scalars == [7.5, 7.5])
        #expect(try Tensor<Float>.full([1, 1, 3], value: -2).scalars == [-2, -2, -2])
        #expect(try Matrix<Double>.identity(3).scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(try Matrix<Double>(rows: 2, columns: 2, repeating: 7).scalars == [7, 7, 7, 7])
        let m = try Matrix<Double>(rows: 2, columns: 3, scalars: [1, 2, 3, 4, 5, 6])
        #expect(m == (try Matrix<Double>([[1, 2, 3], [4, 5, 6]])))
        #expect(m[1, 0] == 4 && m.rows == 2 && m.columns == 3 && m.shape == [2, 3])
        #expect(Matrix<Double>(column: [1, 2]).shape == [2, 1])
        #expect(try Tensor<Float>.zeros([2, 3, 4]).count == 24)
    }

    @Test func elementAccessReadsAndWritesRowMajor() throws {
        var m = try Matrix<Double>.zeros(2, 3)
        m[1, 2] = 5
        #expect(m.scalars == [0, 0, 0, 0, 0, 5])
        var t = try Tensor<Double>.zeros([2, 2, 2])
        t[1, 0, 1] = 3
        #expect(t.scalars[5] == 3 && t[1, 0, 1] == 3)
        #expect(try t.element(at: [1, 0, 1]) == 3)
        expectError(
            .invalidParameter(name: "indices", expected: "one index per axis within shape [2, 2, 2]", got: "[2, 0, 0]")
        ) {
            try t.element(at: [2, 0, 0])
        }
    }

    @Test func transposeRowsColumnsGatherAndSlice() throws {
        let m = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed() == (try Matrix<Double>([[1, 4], [2, 5], [3, 6]])))
        #expect(try m.row(1) == [4, 5, 6])
        #expect(try m.column(2) == [3, 6])
        #expect(try m.rows(at: [1, 1, 0]) == (try Matrix<Double>([[4, 5, 6], [4, 5, 6], [1, 2, 3]])))
        #expect(try m.rows(in: 1..<2) == (try Matrix<Double>([[4, 5, 6]])))
        let big = try Matrix<Double>(rows: 70, columns: 45, scalars: (0..<3150).map(Double.init))
        let bigT = big.transposed()
        #expect(bigT.shape == [45, 70] && bigT[44, 69] == big[69, 44] && bigT[3, 50] == big[50, 3])
    }

    @Test func reshapeKeepsOrderAndInfersOneDimension() throws {
        let m = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(try m.reshaped(rows: 3, columns: -1) == (try Matrix<Double>([[1, 2], [3, 4], [5, 6]])))
        let t = try Tensor(m).reshaped(to: [3, 1, 2])
        #expect(t.shape == [3, 1, 2] && t.scalars == m.scalars)
        expectError(
            .shapeMismatch(
                operation: "reshaped(to:)", expected: "a shape with 6 elements (from [2, 3])", got: "[4, 2] with 8")
        ) {
            try m.reshaped(rows: 4, columns: 2)
        }
        expectError(.invalidParameter(name: "shape", expected: "at most one -1 dimension", got: "[-1, -1]")) {
            try Tensor(m).reshaped(to: [-1, -1])
        }
    }

    @Test func concatenationStacksRowsOrColumns() throws {
        let a = try Matrix<Double>([[1, 2]]), b = try Matrix<Double>([[3, 4], [5, 6]])
        #expect(try Matrix.concatenate([a, b]) == (try Matrix<Double>([[1, 2], [3, 4], [5, 6]])))
        #expect(
            try Matrix.concatenate([b, b.transposed()], axis: 1) == (try Matrix<Double>([[3, 4, 3, 5], [5, 6, 4, 6]])))
        expectError(
            .shapeMismatch(operation: "Matrix.concatenate(axis: 1)", expected: "1 rows in every part", got: "2")
        ) {
            try Matrix.concatenate([a, b], axis: 1)
        }
        expectError(.emptyInput(operation: "Matrix.concatenate")) { try Matrix<Double>.concatenate([]) }
    }

    @Test func floatAndDoubleConvertBothWays() throws {
        let d = try Matrix<Double>([[0.1, 2.5]])
        let f = Matrix<Float>(d)
        #expect(f.scalars == [Float(0.1), 2.5])
        #expect(Matrix<Double>(f).scalars == [Double(Float(0.1)), 2.5])
        #expect(Tensor<Float>(Tensor(d)).scalars == f.scalars)
        #expect(try Matrix(Tensor(d)) == d)
    }

    @Test func badShapesAndIndicesThrowInsteadOfTrapping() throws {
        expectError(
            .shapeMismatch(operation: "Matrix(_ rows:)", expected: "every row with 2 elements", got: "row 1 with 1")
        ) {
            try Matrix<Double>([[1, 2], [3]])
        }
        expectError(
            .shapeMismatch(operation: "Matrix(rows:columns:scalars:)", expected: "6 scalars for 2 × 3", got: "5")
        ) {
            try Matrix<Double>(rows: 2, columns: 3, scalars: [1, 2, 3, 4, 5])
        }
        expectError(
            .invalidParameter(
                name: "shape", expected: "non-negative dimensions", got: "[-1, 3] in Matrix(rows:columns:repeating:)")
        ) {
            try Matrix<Double>.zeros(-1, 3)
        }
        let m = try Matrix<Double>.zeros(2, 2)
        expectError(.invalidParameter(name: "indices", expected: "row indices in 0..<2", got: "2")) {
            try m.rows(at: [0, 2])
        }
        expectError(.invalidParameter(name: "row", expected: "an index in 0..<2", got: "-1")) { try m.row(-1) }
        expectError(.invalidParameter(name: "column", expected: "an index in 0..<2", got: "5")) { try m.column(5) }
        expectError(.invalidParameter(name: "range", expected: "a row range within 0..<2", got: "1..<3")) {
            try m.rows(in: 1..<3)
        }
        expectError(.shapeMismatch(operation: "Matrix(_ tensor:)", expected: "a rank-2 tensor", got: "shape [2, 2, 2]"))
        {
            try Matrix(Tensor<Double>.zeros([2, 2, 2]))
        }
        let message = LearnError.shapeMismatch(operation: "matmul", expected: "x", got: "y").description
        #expect(message == "shape mismatch in matmul: expected x, got y")
    }
}
