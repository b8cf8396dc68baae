import LearnCore
import LearnData
import LearnTestSupport
import Testing

/// `makeBlobs`, `makeMoons`, `makeCircles`, `makeRegression` against scikit-learn 1.9.1
/// (`shared/spec/vectors/other_generators.json`).
@Suite struct OtherGeneratorTests {
    static func cases(prefix: String) throws -> [JSONValue] {
        try SpecVectors.load("other_generators").member("cases").array().filter {
            (try? $0.member("name").string().hasPrefix(prefix)) == true
        }
    }

    @Test func blobsMatchScikitLearnBitForBit() throws {
        let cases = try Self.cases(prefix: "blobs")
        #expect(cases.count == 4)
        for c in cases {
            let name = try c.member("name").string()
            let params = try c.member("params")
            let p = VectorParameters(params: params)
            let std = try p.generatorParameter("cluster_std", 1.0)
            let result: (X: Matrix<Double>, y: [Int], centers: Matrix<Double>)
            if case let .array(rows)? = params["centers"] {
                let centers = try Matrix<Double>(rows.map { try $0.doubles() })
                result = try makeBlobs(
                    nSamples: p.int("n_samples", 100), centers: centers, clusterStd: std,
                    shuffle: p.bool("shuffle", true), randomState: p.seed())
            } else {
                result = try makeBlobs(
                    nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 2),
                    centers: params["centers"]?.int(), clusterStd: std,
                    shuffle: p.bool("shuffle", true), randomState: p.seed())
            }
            #expect(result.X.scalars == (try c.member("X_hex").hexMatrix().scalars), "\(name) X")
            #expect(result.y == (try c.member("y").ints()), "\(name) y")
            #expect(result.centers.scalars == (try c.member("centers").matrix().scalars), "\(name) centers")
        }
    }

    @Test func moonsAndCirclesMatchScikitLearnBitForBit() throws {
        let cases = try Self.cases(prefix: "moons") + Self.cases(prefix: "circles")
        #expect(cases.count == 5)
        for c in cases {
            let name = try c.member("name").string()
            let p = VectorParameters(params: try c.member("params"))
            let noise: Double? = try c.member("params")["noise"]?.double()
            let (X, y) =
                name.hasPrefix("moons")
                ? try makeMoons(
                    nSamples: p.int("n_samples", 100), shuffle: p.bool("shuffle", true), noise: noise,
                    randomState: p.seed())
                : try makeCircles(
                    nSamples: p.int("n_samples", 100), shuffle: p.bool("shuffle", true), noise: noise,
                    randomState: p.seed(), factor: p.double("factor", 0.8))
            #expect(X.scalars == (try c.member("X_hex").hexMatrix().scalars), "\(name) X")
            #expect(y == (try c.member("y").ints()), "\(name) y")
        }
    }

    @Test func regressionMatchesScikitLearn() throws {
        let cases = try Self.cases(prefix: "regression")
        #expect(cases.count == 3)
        for c in cases {
            let name = try c.member("name").string()
            let p = VectorParameters(params: try c.member("params"))
            let targets = try p.int("n_targets", 1)
            let (X, y, coef) = try makeRegression(
                nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 100),
                nInformative: p.int("n_informative", 10),
                nTargets: targets, bias: p.double("bias", 0), noise: p.double("noise", 0),
                shuffle: p.bool("shuffle", true),
                randomState: p.seed())
            #expect(X.scalars == (try c.member("X_hex").hexMatrix().scalars), "\(name) X is drawn, so bit-exact")
            #expect(coef.scalars == (try c.member("coef").array().flatMap { try $0.doublesOrScalar() }), "\(name) coef")
            let expectedY =
                targets == 1 ? try c.member("y_hex").hexDoubles() : try c.member("y_hex").hexMatrix().scalars
            expectClose(y.scalars, expectedY, tolerance: generatorTolerance, "\(name) y")
            if targets == 1 {
                let single = try makeRegression(
                    nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 100),
                    nInformative: p.int("n_informative", 10),
                    bias: p.double("bias", 0), noise: p.double("noise", 0), shuffle: p.bool("shuffle", true),
                    randomState: p.seed())
                #expect(single.y == y.scalars && single.coef == coef.scalars)
            }
        }
    }

    @Test func badArgumentsThrow() throws {
        #expect(throws: LearnError.invalidParameter(name: "factor", expected: "a number in [0, 1)", got: "1.0")) {
            try makeCircles(factor: 1)
        }
        #expect(throws: LearnError.invalidParameter(name: "clusterStd", expected: "a finite number >= 0", got: "-1.0"))
        {
            try makeBlobs(clusterStd: -1)
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "clusterStd", expected: "3 values (one per item)", got: "2 values")
        ) {
            try makeBlobs(clusterStd: [1, 2])
        }
        #expect(throws: LearnError.self) { try makeBlobs(centers: 0) }
        #expect(throws: LearnError.self) { try makeBlobs(nSamples: 0) }
        #expect(throws: LearnError.self) { try makeBlobs(clusterStd: .random) }
        #expect(throws: LearnError.self) { try makeBlobs(nSamplesPerCenter: [3, -1]) }
        #expect(throws: LearnError.self) { try makeBlobs(centers: Matrix<Double>([[.nan, 0]])) }
        #expect(throws: LearnError.self) { try makeBlobs(nSamplesPerCenter: [3], centerBox: (-Double.infinity, 1)) }
        #expect(throws: LearnError.self) { try makeMoons(nSamples: 0) }
        #expect(throws: LearnError.self) { try makeMoons(noise: -0.1) }
        #expect(throws: LearnError.self) { try makeRegression(nFeatures: 0) }
        #expect(throws: LearnError.self) { try makeRegression(noise: .nan) }
        #expect(throws: LearnError.self) { try makeRegression(nTargets: 0) }
    }

    /// `n_samples=(n_out, n_in)`; values printed by scikit-learn 1.9.1 (`X.ravel()[:4]` as hex, `y`).
    @Test func separateOuterAndInnerSizesMatchScikitLearn() throws {
        let moons = try makeMoons(nSamples: (outer: 3, inner: 5), noise: 0.1, randomState: 4)
        #expect(
            Array(moons.X.scalars.prefix(4))
                == [
                    "0x1.80807318ff023p-3", "-0x1.6d8f7fc014ee3p-3", "0x1.094f01aa68697p+1",
                    "0x1.989ac1d4d695ep-2"
                ].compactMap(Double.init))
        #expect(moons.y == [1, 1, 1, 0, 0, 1, 1, 0])
        let circles = try makeCircles(nSamples: (outer: 4, inner: 2), randomState: 4, factor: 0.3)
        #expect(
            Array(circles.X.scalars.prefix(4))
                == [
                    "0x1.3333333333333p-2", "0x0.0p+0", "-0x1.3333333333333p-2",
                    "0x1.52dc7707ed4d5p-55"
                ].compactMap(Double.init))
        #expect(circles.y == [1, 1, 0, 0, 0, 0])
        #expect(throws: LearnError.self) { try makeMoons(nSamples: (outer: -1, inner: 3)) }
        #expect(throws: LearnError.self) { try makeCircles(nSamples: (outer: 0, inner: 0)) }
    }

    @Test func smallSizesBehaveLikeNumPy() throws {
        let one = try makeMoons(nSamples: 1, shuffle: false)
        #expect(one.X.scalars == [0, 0.5] && one.y == [1]) // the lone point is the inner moon's t = 0
        #expect(linspaceCheck())
    }

    private func linspaceCheck() -> Bool {
        // make_circles(3, shuffle=False): outer has 1 point at angle 0, inner 2 at 0 and π.
        guard let c = try? makeCircles(nSamples: 3, shuffle: false, factor: 0.5) else { return false }
        return c.X[0, 0] == 1 && c.X[1, 0] == 0.5 && c.X[2, 0] == -0.5 && c.y == [0, 1, 1]
    }
}

extension JSONValue {
    /// A row of numbers, or a lone number as a row of one.
    func doublesOrScalar() throws -> [Double] {
        if case .array = self { return try doubles() }
        return [try double()]
    }
}
