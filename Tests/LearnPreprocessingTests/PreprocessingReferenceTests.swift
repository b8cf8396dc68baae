import Foundation
import LearnCore
import LearnPreprocessing
import LearnTestSupport
import Testing

/// Scalers and encoders against scikit-learn 1.9.1 (`Resources/preprocessing_reference.json`,
/// written by `Benchmarks/Reference/preprocessing_reference.py`).
@Suite struct PreprocessingReferenceTests {
    static func reference() throws -> JSONValue {
        let url = try #require(
            Bundle.module.url(forResource: "preprocessing_reference", withExtension: "json", subdirectory: "Resources"))
        return try JSONValue.load(url)
    }

    static func matrix(_ value: JSONValue) throws -> Matrix<Double> {
        let (rows, scalars) = try value.hexMatrix()
        return try Matrix(rows: rows, columns: scalars.count / Swift.max(rows, 1), scalars: scalars)
    }

    static func close(
        _ got: [Double]?, _ expected: JSONValue?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        guard let expected, !expected.isNull else {
            #expect(got == nil, "\(what) should be nil", sourceLocation: sourceLocation)
            return
        }
        let values: [Double]
        if case let .array(items) = expected, case .array? = items.first {
            values = try expected.hexMatrix().scalars
        } else {
            values = try expected.hexDoubles()
        }
        let got = try #require(got, "\(what) is nil", sourceLocation: sourceLocation)
        // The same float64 formulas as scikit-learn, summed in other orders: 1e-12 relative.
        expectClose(got, values, tolerance: 1e-12, what, sourceLocation: sourceLocation)
    }

    @Test func standardScalerMatchesScikitLearn() throws {
        let ref = try Self.reference()
        let X = try Self.matrix(ref.member("X")), xNew = try Self.matrix(ref.member("X_new"))
        let cases = try ref.member("standard").array()
        #expect(cases.count == 3)
        for c in cases {
            guard case let .bool(withMean)? = c["with_mean"], case let .bool(withStd)? = c["with_std"] else {
                throw VectorError("flags")
            }
            var scaler = StandardScaler(withMean: withMean, withStd: withStd)
            try scaler.fit(X)
            let what = "withMean \(withMean) withStd \(withStd)"
            try Self.close(scaler.mean, c["mean"], what + " mean")
            try Self.close(scaler.variance, c["var"], what + " var")
            try Self.close(scaler.scale, c["scale"], what + " scale")
            try Self.close(try scaler.transform(X).scalars, c["transform"], what + " transform")
            try Self.close(try scaler.transform(xNew).scalars, c["transform_new"], what + " transform new")
            try Self.close(try scaler.inverseTransform(scaler.transform(xNew)).scalars, c["inverse"], what + " inverse")
        }
        // The constant column keeps scale 1.
        var scaler = StandardScaler()
        _ = try scaler.fitTransform(X)
        #expect(scaler.scale?[2] == 1 && scaler.nSamplesSeen == 25 && scaler.nFeaturesIn == 4)
    }

    @Test func minMaxScalerMatchesScikitLearn() throws {
        let ref = try Self.reference()
        let X = try Self.matrix(ref.member("X")), xNew = try Self.matrix(ref.member("X_new"))
        for c in try ref.member("minmax").array() {
            let range = try c.member("feature_range").doubles()
            guard case let .bool(clip)? = c["clip"] else { throw VectorError("clip") }
            var scaler = MinMaxScaler(featureRange: (range[0], range[1]), clip: clip)
            try scaler.fit(X)
            let what = "range \(range) clip \(clip)"
            try Self.close(scaler.dataMin, c["data_min"], what + " data_min")
            try Self.close(scaler.dataMax, c["data_max"], what + " data_max")
            try Self.close(scaler.dataRange, c["data_range"], what + " data_range")
            try Self.close(scaler.scale, c["scale"], what + " scale")
            try Self.close(scaler.min, c["min"], what + " min")
            try Self.close(try scaler.transform(X).scalars, c["transform"], what + " transform")
            try Self.close(try scaler.transform(xNew).scalars, c["transform_new"], what + " transform new")
            try Self.close(try scaler.inverseTransform(scaler.transform(xNew)).scalars, c["inverse"], what + " inverse")
        }
    }

    @Test func labelEncoderMatchesScikitLearn() throws {
        let ref = try Self.reference().member("label_encoder")
        var encoder = LabelEncoder<String>()
        let codes = try encoder.fitTransform(try ref.member("fit").strings())
        #expect(encoder.classes == (try ref.member("classes").strings()))
        #expect(codes == (try ref.member("transform").ints()))
        #expect(try encoder.inverseTransform([3, 0, 2]) == ref.member("inverse").strings())
        let ints = try Self.reference().member("label_encoder_int")
        var intEncoder = LabelEncoder<Int>()
        try intEncoder.fit([10, 3, 3, 7])
        #expect(intEncoder.classes == (try ints.member("classes").ints()))
        #expect(try intEncoder.transform([7, 10, 3]) == ints.member("transform").ints())
    }

    @Test func canonicallyEquivalentStringsStayDistinctCategories() throws {
        let ref = try Self.reference().member("unicode_categories")
        func strings(_ key: String) throws -> [String] {
            try ref.member(key).array().map { word in
                var text = String.UnicodeScalarView()
                for point in try word.ints() { text.append(try #require(Unicode.Scalar(point))) }
                return String(text)
            }
        }
        func points(_ words: [String]) -> [[UInt32]] { words.map { $0.unicodeScalars.map(\.value) } }
        let words = try strings("fit")
        var encoder = LabelEncoder<String>()
        let codes = try encoder.fitTransform(words)
        #expect(points(encoder.classes) == points(try strings("classes")))
        #expect(codes == (try ref.member("transform").ints()))
        var oneHot = OneHotEncoder<String>()
        try oneHot.fit(words.map { [$0] })
        #expect(points(oneHot.categories[0]) == points(try strings("one_hot_categories")))
        // A saved encoder keeps them apart too.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("unicode-\(UUID().uuidString).h5").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try encoder.save(to: path)
        let loaded = try LabelEncoder<String>.load(from: path)
        let reloadedCodes = try loaded.transform(words)
        #expect(points(loaded.classes) == points(encoder.classes) && reloadedCodes == codes)
    }

    @Test func oneHotEncoderMatchesScikitLearn() throws {
        let ref = try Self.reference().member("one_hot")
        let rows = try ref.member("fit").array().map { try $0.strings() }
        var encoder = OneHotEncoder<String>()
        let encoded = try encoder.fitTransform(rows)
        #expect(encoder.categories == (try ref.member("categories").array().map { try $0.strings() }))
        #expect(encoded.scalars == (try ref.member("transform").hexMatrix().scalars))
        #expect(try encoder.featureNamesOut(["color", "size"]) == ref.member("feature_names").strings())
        #expect(try encoder.inverseTransform(encoded) == rows)
        var ignoring = OneHotEncoder<String>(handleUnknown: .ignore)
        try ignoring.fit(rows)
        let unknown = try ref.member("unknown").array().map { try $0.strings() }
        let ignored = try ignoring.transform(unknown)
        #expect(ignored.scalars == (try ref.member("ignore_transform").hexMatrix().scalars))
        let back = try ignoring.inverseTransform(ignored)
        let expected: [[String?]] = try ref.member("ignore_inverse").array().map { row in
            try row.array().map { $0.isNull ? nil : try $0.string() }
        }
        #expect(back == expected)
        let numeric = try Self.reference().member("one_hot_numeric")
        var numericEncoder = OneHotEncoder<Double>()
        let X = try Self.matrix(numeric.member("fit"))
        #expect(try numericEncoder.fitTransform(X).scalars == numeric.member("transform").hexMatrix().scalars)
        #expect(numericEncoder.categories == (try numeric.member("categories").array().map { try $0.hexDoubles() }))
    }
}
