import Foundation
import LearnCore
import LearnData
import LearnLinear
import LearnTestSupport
import Testing

/// LinearRegression, Ridge and SGDRegressor; bad input to every linear model.
@Suite struct LinearModelTests {
    static func regressionData(_ name: String) throws -> (X: Matrix<Double>, y: [Double]) {
        if name == "regression" {
            let (X, y, _) = try makeRegression(nSamples: 80, nFeatures: 6, bias: 2.5, noise: 3.0, randomState: 3)
            return (X, y)
        }
        let wine = try LinearReference.dataset("wine").X
        let columns = wine.transposed()
        return (try columns.rows(in: 1..<13).transposed(), try columns.row(0))
    }

    @Test func leastSquaresMatchScikitLearnTo1e10() throws {
        let fits = try LinearReference.fits("least_squares")
        #expect(fits.count == 16)
        for fit in fits {
            let data = try Self.regressionData(try fit.member("dataset").string())
            guard case let .bool(fitIntercept)? = fit["fit_intercept"] else { throw VectorError("fit_intercept") }
            let coef: [Double], intercept: Double, score: Double
            if try fit.member("model").string() == "LinearRegression" {
                var model = LinearRegression(fitIntercept: fitIntercept)
                try model.fit(data.X, data.y)
                (coef, intercept, score) = (try #require(model.coef), model.intercept, try model.score(data.X, data.y))
            } else {
                let solver = try #require(RidgeSolver(rawValue: try fit.member("solver").string()))
                var model = Ridge(alpha: try fit.member("alpha").double(), fitIntercept: fitIntercept, solver: solver)
                try model.fit(data.X, data.y)
                (coef, intercept, score) = (try #require(model.coef), model.intercept, try model.score(data.X, data.y))
            }
            let what =
                "\(try fit.member("model").string()) \(try fit.member("dataset").string()) intercept \(fitIntercept)"
            #expect(LinearReference.relativeError(coef, try fit.member("coef").hexDoubles()) <= 1e-10, "\(what) coef")
            let expectedIntercept = try #require(Double(try fit.member("intercept").string()))
            // Solved through LAPACK in another order than scikit-learn's scipy calls: 1e-10.
            expectClose(intercept, expectedIntercept, tolerance: 1e-10, "\(what) intercept")
            #expect(abs(score - (try #require(Double(try fit.member("score").string())))) <= 1e-10, "\(what) score")
        }
    }

    @Test func sgdRegressorApproachesLeastSquaresAndIsDeterministic() throws {
        let (X, y, _) = try makeRegression(nSamples: 400, nFeatures: 5, bias: 1.0, noise: 0.5, randomState: 11)
        var exact = LinearRegression()
        try exact.fit(X, y)
        var sgd = SGDRegressor(alpha: 0, maxIter: 200, tol: 1e-6, randomState: 0)
        try sgd.fit(X, y)
        let coef = try #require(sgd.coef), target = try #require(exact.coef)
        #expect(LinearReference.relativeError(coef, target) < 1e-2)
        #expect(abs(sgd.intercept - exact.intercept) < 0.05)
        #expect(try sgd.score(X, y) > 0.999 * (try exact.score(X, y)))
        var again = SGDRegressor(alpha: 0, maxIter: 200, tol: 1e-6, randomState: 0)
        try again.fit(X, y)
        #expect(again.coef == sgd.coef && again.nIter == sgd.nIter)
    }

    @Test func badInputThrows() throws {
        let X = try Matrix<Double>([[0, 1], [1, 0], [1, 1], [0, 0]])
        var model = LogisticRegression()
        #expect(
            throws: LearnError.invalidParameter(
                name: "y", expected: "samples of at least 2 classes", got: "only one class: 3")
        ) {
            try model.fit(X, [3, 3, 3, 3])
        }
        #expect(throws: LearnError.nonFiniteInput(operation: "LogisticRegression.fit")) {
            try model.fit(try Matrix([[0, .nan], [1, 0]]), [0, 1])
        }
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "LogisticRegression.fit", expected: "y with 4 labels (one per row of X)", got: "3")
        ) {
            try model.fit(X, [0, 1, 0])
        }
        #expect(throws: LearnError.notFitted(type: "LogisticRegression")) { try model.predict(X) }
        try model.fit(X, [0, 1, 1, 0])
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "LogisticRegression.predict", expected: "2 features (as in fit)", got: "3")
        ) {
            try model.predict(try Matrix<Double>.zeros(1, 3))
        }
        var negative = LogisticRegression(C: -1)
        #expect(
            throws: LearnError.invalidParameter(name: "C", expected: "a positive number (or .infinity)", got: "-1.0")
        ) {
            try negative.fit(X, [0, 1, 1, 0])
        }
        var l1 = LogisticRegression(penalty: .l1)
        #expect(
            throws: LearnError.invalidParameter(
                name: "solver", expected: "saga for the l1 penalty (lbfgs supports only l2 or none)",
                got: "lbfgs")
        ) {
            try l1.fit(X, [0, 1, 1, 0])
        }
        var ratio = LogisticRegression(l1Ratio: 2, solver: .saga)
        #expect(throws: LearnError.self) { try ratio.fit(X, [0, 1, 1, 0]) }
        var ols = LinearRegression()
        #expect(throws: LearnError.notFitted(type: "LinearRegression")) { try ols.predict(X) }
        #expect(throws: LearnError.self) { try ols.fit(X, [1, 2]) }
        #expect(throws: LearnError.self) { try ols.fit(X, [1, 2, .infinity, 4]) }
        var ridge = Ridge(alpha: -1)
        #expect(throws: LearnError.self) { try ridge.fit(X, [1, 2, 3, 4]) }
        var sgd = SGDRegressor(eta0: 0)
        #expect(throws: LearnError.self) { try sgd.fit(X, [1, 2, 3, 4]) }
    }

    @Test func extremeDataStaysFinite() throws {
        // Perfectly separable data with almost no penalty: huge margins must not produce NaN.
        let X = try Matrix<Double>([[-3], [-2], [-1], [1], [2], [3]])
        var model = LogisticRegression(C: 1e10, maxIter: 50)
        try model.fit(X, [0, 0, 0, 1, 1, 1])
        let proba = try model.predictProba(try Matrix<Double>([[-1000], [1000]]))
        #expect(proba.isFinite && proba[0, 0] > 0.999 && proba[1, 1] > 0.999)
        #expect(try model.predictLogProba(try Matrix<Double>([[1e6]])).isFinite)
        #expect(try model.predict(X) == [0, 0, 0, 1, 1, 1])
    }

    @Test func maxIterWithoutConvergenceIsReported() throws {
        let (X, y) = try makeClassification(nSamples: 200, nFeatures: 10, randomState: 1)
        var model = LogisticRegression(maxIter: 2)
        try model.fit(X, y)
        #expect(model.convergenceWarning?.contains("did not converge in 2 iterations") == true)
        model.maxIter = 100
        try model.fit(X, y)
        #expect(model.convergenceWarning == nil)
    }

    @Test func parametersAndPenaltySpellings() throws {
        var model = LogisticRegression(penalty: .elasticnet, l1Ratio: 0.3, solver: .saga)
        #expect(model.l1Ratio == 0.3 && model.penalty == .elasticnet)
        #expect(LogisticRegression(penalty: .none).C == .infinity)
        try model.setParameters(["C": 0.5, "solver": "lbfgs", "penalty": "l2", "classWeight": "balanced"])
        #expect(model.C == 0.5 && model.solver == .lbfgs && model.l1Ratio == 0 && model.classWeight == .balanced)
        #expect(model.parameters["maxIter"] == .int(100))
        #expect(throws: LearnError.self) { try model.setParameter("gamma", 1) }
    }
}

/// Class weights, sample weights and warm starts behave as scikit-learn documents.
@Suite struct LogisticWeightingTests {
    @Test func classWeightsEqualTheMatchingSampleWeights() throws {
        let (X, y) = try makeClassification(nSamples: 150, nFeatures: 6, nInformative: 3, nClasses: 3, randomState: 5)
        var weighted = LogisticRegression(classWeight: .weights([0: 2.0, 2: 0.5]), tol: 1e-10, maxIter: 1000)
        try weighted.fit(X, y)
        var sampled = LogisticRegression(tol: 1e-10, maxIter: 1000)
        try sampled.fit(X, y, sampleWeight: y.map { $0 == 0 ? 2.0 : ($0 == 2 ? 0.5 : 1.0) })
        #expect(
            LinearReference.relativeError(try #require(weighted.coef).scalars, try #require(sampled.coef).scalars)
                < 1e-6)
        var balanced = LogisticRegression(classWeight: .balanced)
        let imbalanced = Array(y[0..<100]) + [Int](repeating: 0, count: 50)
        try balanced.fit(X, imbalanced)
        #expect(balanced.classes == [0, 1, 2])
        #expect(throws: LearnError.self) { try LogisticRegression(classWeight: .weights([7: 1])).fitted(X, y) }
    }

    @Test func badClassWeightsAreLearnErrors() throws {
        var model = LogisticRegression()
        let cases: [([Double], String)] = [
            ([0, 1, 0, 2], "class 0 twice"), ([.nan, 1], "nan"), ([1.5, 1], "1.5"), ([1e19, 1], "1e+19"),
            ([0, -1], "finite weights >= 0"), ([0, .infinity], "inf for class 0")
        ]
        for (pairs, fragment) in cases {
            let error = #expect(throws: LearnError.self) { try model.setParameter("classWeight", .doubles(pairs)) }
            guard case let .invalidParameter(name, _, _)? = error else {
                Issue.record("\(pairs): \(String(describing: error))")
                continue
            }
            #expect(
                name == "classWeight" && error?.description.contains(fragment) == true,
                "\(pairs): \(error?.description ?? "")")
        }
        // Set directly, the property is checked by `fit`.
        let (X, y) = try makeClassification(nSamples: 40, nFeatures: 4, randomState: 1)
        model.classWeight = .weights([0: .nan, 1: 1])
        let error = #expect(throws: LearnError.self) { try model.fit(X, y) }
        guard case .invalidParameter("classWeight", _, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(error?.description.contains("nan for class 0") == true)
    }

    @Test func warmStartContinuesFromThePreviousFit() throws {
        let (X, y) = try makeClassification(nSamples: 300, nFeatures: 8, randomState: 2)
        var model = LogisticRegression(tol: 1e-8, maxIter: 1000, warmStart: true)
        try model.fit(X, y)
        let first = model.nIter
        try model.fit(X, y)
        #expect(first > 3 && model.nIter <= 2)
    }
}

extension LogisticRegression {
    /// A fitted copy (for expressions in `#expect(throws:)`).
    func fitted(_ X: Matrix<Double>, _ y: [Int]) throws -> LogisticRegression {
        var copy = self
        try copy.fit(X, y)
        return copy
    }
}
