import Foundation
import LearnCore
import LearnData
import LearnTestSupport
import Testing

/// `makeLowRankMatrix` and `makeRegression(effectiveRank:)` against scikit-learn 1.9.1
/// (`Resources/generator_reference.json`, from `Benchmarks/Reference/generator_reference.py`).
@Suite struct LowRankTests {
    static func cases(_ function: String) throws -> [JSONValue] {
        let url = try #require(
            Bundle.module.url(forResource: "generator_reference", withExtension: "json", subdirectory: "Resources"))
        return try JSONValue.load(url).member("cases").array().filter {
            (try? $0.member("function").string()) == function
        }
    }

    @Test func lowRankMatrixMatchesScikitLearn() throws {
        let cases = try Self.cases("make_low_rank_matrix")
        #expect(cases.count == 2)
        for c in cases {
            let p = VectorParameters(params: try c.member("params"))
            let X = try makeLowRankMatrix(
                nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 100),
                effectiveRank: p.int("effective_rank", 10), tailStrength: p.double("tail_strength", 0.5),
                randomState: p.seed())
            let expected = try c.member("X_hex").hexMatrix()
            #expect(X.rows == expected.rows)
            expectClose(X.scalars, expected.scalars, tolerance: generatorTolerance, "low-rank X")
        }
    }

    @Test func regressionWithEffectiveRankMatchesScikitLearn() throws {
        let cases = try Self.cases("make_regression")
        #expect(cases.count == 2)
        for c in cases {
            let p = VectorParameters(params: try c.member("params"))
            let (X, y, coef) = try makeRegression(
                nSamples: p.int("n_samples", 100), nFeatures: p.int("n_features", 100),
                nInformative: p.int("n_informative", 10),
                nTargets: p.int("n_targets", 1), bias: p.double("bias", 0), effectiveRank: p.int("effective_rank", 0),
                tailStrength: p.double("tail_strength", 0.5), noise: p.double("noise", 0),
                shuffle: p.bool("shuffle", true),
                randomState: p.seed())
            expectClose(X.scalars, try c.member("X_hex").hexMatrix().scalars, tolerance: generatorTolerance, "X")
            expectClose(y.scalars, try c.member("y_hex").hexMatrix().scalars, tolerance: 1e-11, "y")
            #expect(coef.scalars == (try c.member("coef_hex").hexMatrix().scalars), "coef is drawn, so exact")
        }
    }

    @Test func badArgumentsThrow() throws {
        #expect(throws: LearnError.invalidParameter(name: "tailStrength", expected: "a number in [0, 1]", got: "1.5")) {
            try makeLowRankMatrix(tailStrength: 1.5)
        }
        #expect(throws: LearnError.self) { try makeLowRankMatrix(effectiveRank: 0) }
        #expect(throws: LearnError.self) { try makeRegression(effectiveRank: -1) }
    }
}
