import LearnCore
import LearnPreprocessing
import Testing

/// Bad input to the scalers and encoders throws `LearnError`, never traps.
@Suite struct PreprocessingErrorTests {
    @Test func scalersRejectBadInput() throws {
        var scaler = StandardScaler()
        #expect(throws: LearnError.notFitted(type: "StandardScaler")) { try scaler.transform(Matrix([[1.0]])) }
        #expect(throws: LearnError.nonFiniteInput(operation: "StandardScaler.fit")) {
            try scaler.fit(Matrix([[1.0], [.nan]]))
        }
        #expect(throws: LearnError.nonFiniteInput(operation: "StandardScaler.fit")) {
            try scaler.fit(Matrix([[1.0], [.infinity]]))
        }
        #expect(throws: LearnError.emptyInput(operation: "StandardScaler.fit")) {
            try scaler.fit(Matrix<Double>.zeros(0, 3))
        }
        try scaler.fit(Matrix([[1.0, 2.0], [3.0, 5.0]]))
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "StandardScaler.transform", expected: "2 features (as seen in fit)", got: "3")
        ) {
            try scaler.transform(Matrix([[1.0, 2.0, 3.0]]))
        }
        #expect(throws: LearnError.nonFiniteInput(operation: "StandardScaler.transform")) {
            try scaler.transform(Matrix([[1.0, .nan]]))
        }
        var minMax = MinMaxScaler(featureRange: (1, 1))
        #expect(throws: LearnError.invalidParameter(name: "featureRange", expected: "low < high", got: "(1.0, 1.0)")) {
            try minMax.fit(Matrix([[1.0]]))
        }
        minMax.featureRange = (0, 1)
        #expect(throws: LearnError.notFitted(type: "MinMaxScaler")) { try minMax.inverseTransform(Matrix([[1.0]])) }
    }

    @Test func encodersRejectUnknownLabels() throws {
        var labels = LabelEncoder<String>()
        #expect(throws: LearnError.emptyInput(operation: "LabelEncoder.fit")) { try labels.fit([]) }
        try labels.fit(["a", "b"])
        #expect(throws: LearnError.unknownLabel("y contains labels not seen in fit: [\"c\"]")) {
            try labels.transform(["a", "c"])
        }
        #expect(throws: LearnError.self) { try labels.inverseTransform([2]) }
        var oneHot = OneHotEncoder<String>()
        try oneHot.fit([["x"], ["y"]])
        #expect(throws: LearnError.unknownLabel("found unknown category z in column 0 during transform")) {
            try oneHot.transform([["z"]])
        }
        #expect(throws: LearnError.self) { try oneHot.transform([["x", "y"]]) }
        #expect(throws: LearnError.self) { try oneHot.fit([["x"], ["y", "z"]]) }
        #expect(throws: LearnError.self) { try oneHot.inverseTransform(Matrix([[1.0, 0, 0]])) }
        var numeric = OneHotEncoder<Double>()
        #expect(throws: LearnError.nonFiniteInput(operation: "OneHotEncoder.fit")) {
            try numeric.fit(Matrix([[Double.nan]]))
        }
    }

    @Test func parametersReadAndSetByName() throws {
        var scaler = StandardScaler()
        #expect(scaler.parameters == ["withMean": true, "withStd": true])
        try scaler.setParameters(["withMean": false])
        #expect(scaler.withMean == false)
        #expect(throws: LearnError.self) { try scaler.setParameter("withVariance", true) }
        #expect(throws: LearnError.self) { try scaler.setParameter("withStd", 3) }
        var minMax = MinMaxScaler()
        try minMax.setParameter("featureRange", ParameterValue(parsing: "-1,1"))
        #expect(minMax.featureRange == (-1, 1))
        var encoder = OneHotEncoder<String>()
        try encoder.setParameter("handleUnknown", "ignore")
        #expect(encoder.handleUnknown == .ignore)
    }
}
