import LearnCore
import LearnData
import LearnSelection
import LearnTestSupport
import Testing

/// `trainTestSplit` against scikit-learn 1.9.1 (`shared/spec/vectors/train_test_split.json`).
@Suite struct TrainTestSplitTests {
    static func size(_ value: JSONValue?) throws -> SplitSize? {
        switch value {
        case nil: return nil
        case let .int(count)?: return .count(count)
        case let value?: return .fraction(try value.double())
        }
    }

    @Test func everyCaseMatchesScikitLearnIndexForIndex() throws {
        let cases = try SpecVectors.load("train_test_split").member("cases").array()
        #expect(cases.count == 13)
        for c in cases {
            let name = try c.member("name").string()
            let kwargs = try c.member("kwargs")
            let n = try c.member("n_samples").int()
            var shuffle = true
            if case let .bool(value)? = kwargs["shuffle"] { shuffle = value }
            let stratify = try kwargs["stratify"]?.ints()
            let (train, test) = try trainTestSplitIndices(
                nSamples: n, testSize: Self.size(kwargs["test_size"]), trainSize: Self.size(kwargs["train_size"]),
                randomState: kwargs["random_state"]?.int(), shuffle: shuffle, stratify: stratify)
            #expect(train == (try c.member("train").ints()), "\(name) train")
            #expect(test == (try c.member("test").ints()), "\(name) test")
        }
    }

    /// The contract program's split, on the rows themselves.
    @Test func contractProgramSplitStartsLikeScikitLearn() throws {
        let (X, y) = try makeClassification(nSamples: 1000, nFeatures: 20, nClasses: 2, randomState: 42)
        let split = try trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y)
        #expect(Array(split.trainIndices.prefix(4)) == [716, 622, 489, 789])
        #expect(Array(split.testIndices.prefix(4)) == [824, 614, 469, 122])
        #expect(split.xTrain.shape == [800, 20] && split.xTest.shape == [200, 20])
        #expect(split.yTest == split.testIndices.map { y[$0] })
        #expect(try split.xTest.row(0) == X.row(824))
        // Stratification keeps the class balance: 200 test rows split as the full data is.
        let positives = y.filter { $0 == 1 }.count
        #expect(split.yTest.filter { $0 == 1 }.count == Int((Double(positives) * 0.2).rounded()))
    }

    @Test func unstratifiedAndRegressionTargetsWork() throws {
        let X = try Matrix<Double>(rows: 10, columns: 1, scalars: (0..<10).map(Double.init))
        let y = (0..<10).map { Double($0) * 0.5 }
        let split = try trainTestSplit(X, y, testSize: 3, randomState: 0)
        #expect(split.xTest.rows == 3 && split.yTrain.count == 7)
        #expect(split.yTest == split.xTest.scalars.map { $0 * 0.5 })
        let ordered = try trainTestSplit(X, y, testSize: 0.3, shuffle: false)
        #expect(ordered.trainIndices == Array(0..<7) && ordered.testIndices == [7, 8, 9])
    }

    @Test func extremeIntegerLabelsAreJustCategories() throws {
        let X = try Matrix<Double>(rows: 8, columns: 1, scalars: (0..<8).map(Double.init))
        let labels = [Int.min, Int.max, Int.min, Int.max, Int.min, Int.max, Int.min, Int.max]
        let split = try trainTestSplit(X, labels, testSize: 0.5, randomState: 0, stratify: labels)
        #expect(split.yTest.filter { $0 == Int.min }.count == 2 && split.yTest.filter { $0 == Int.max }.count == 2)
        #expect(Set(split.trainIndices + split.testIndices) == Set(0..<8))
        // The same split as with the labels 0 and 1: only their order matters.
        let small = try trainTestSplit(
            X, labels.map { $0 == Int.min ? 0 : 1 }, testSize: 0.5, randomState: 0,
            stratify: labels.map { $0 == Int.min ? 0 : 1 })
        #expect(split.testIndices == small.testIndices)
    }

    @Test func nonFiniteFractionsAreRefused() throws {
        let X = try Matrix<Double>.zeros(10, 2)
        let y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        for (fraction, text) in [(Double.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf")] {
            for name in ["testSize", "trainSize"] {
                let error = #expect(throws: LearnError.self) {
                    name == "testSize"
                        ? try trainTestSplit(X, y, testSize: .fraction(fraction), stratify: y)
                        : try trainTestSplit(X, y, trainSize: .fraction(fraction), stratify: y)
                }
                guard case let .invalidParameter(thrownName, expected, got)? = error else {
                    Issue.record("\(String(describing: error))")
                    continue
                }
                #expect(thrownName == name && got == text && expected.contains("open interval (0, 1)"))
            }
        }
    }

    @Test func badInputThrowsScikitLearnsErrors() throws {
        let X = try Matrix<Double>.zeros(10, 2)
        let y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "trainTestSplit", expected: "y with 10 labels (one per row of X)", got: "9")
        ) {
            try trainTestSplit(X, Array(y.dropLast()))
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "testSize", expected: "a fraction in the open interval (0, 1) or a count in 1..<10", got: "1.0")
        ) {
            try trainTestSplit(X, y, testSize: 1.0)
        }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: 10) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: 0) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: 0.6, trainSize: 0.6) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: 6, trainSize: 6) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: .fraction(.nan)) }
        #expect(
            throws: LearnError.invalidParameter(
                name: "stratify", expected: "at least 2 members in every class", got: "a class with 1")
        ) {
            try trainTestSplit(X, y, randomState: 0, stratify: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, testSize: 1, randomState: 0, stratify: y) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, shuffle: false, stratify: y) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, stratify: [0, 1]) }
        #expect(throws: LearnError.emptyInput(operation: "trainTestSplit")) { try trainTestSplitIndices(nSamples: 0) }
        #expect(throws: LearnError.self) { try trainTestSplit(X, y, randomState: -5) }
    }
}
