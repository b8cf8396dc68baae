import Foundation
import LearnCore
import LearnLinear
import LearnTestSupport
import Testing

/// LogisticRegression against scikit-learn 1.9.1 fits at tight tolerance: L2 / unpenalised fits give
/// the same coefficients (1e-4 relative), predictions and probabilities (1e-6); L1 and elastic-net fits
/// reach the same objective (1e-6 relative).
@Suite struct LogisticRegressionReferenceTests {
    /// Fits included in the unit tests: every lbfgs and newton-cholesky fit; saga where scikit-learn's
    /// own saga converges within a few thousand epochs (breast cancer and digits need 5,000–100,000).
    static func included(_ fit: JSONValue) -> Bool {
        guard let dataset = try? fit.member("dataset").string(), let solver = try? fit.member("solver").string(),
            let penalty = try? fit.member("penalty").string(), let iterations = try? fit.member("n_iter").int()
        else { return false }
        // Only the multiclass set has a finite unpenalised optimum; the others are separable (the
        // reference loss goes to ~1e-8 and the coefficients wherever the optimiser stopped).
        if penalty == "none" && dataset != "multiclass" { return false }
        if solver == "saga" { return iterations < 5000 && !["breast_cancer", "digits"].contains(dataset) }
        return true
    }

    static func model(for fit: JSONValue) throws -> LogisticRegression {
        let solver = try #require(LogisticSolver(rawValue: try fit.member("solver").string()))
        let C = try fit.member("C").double()
        return LogisticRegression(
            C: C, l1Ratio: try fit.member("l1_ratio").double(), tol: solver == .saga ? 1e-10 : 1e-10,
            maxIter: solver == .saga ? 20_000 : 10_000, solver: solver, randomState: 0)
    }

    /// `C Σ loss + (1 − ρ)/2 ‖W‖² + ρ ‖W‖₁` (the loss alone without a penalty), as the reference script computes it.
    static func objective(_ model: LogisticRegression, _ X: Matrix<Double>, _ y: [Int]) throws -> Double {
        let logProba = try model.predictLogProba(X)
        let column = Dictionary(uniqueKeysWithValues: model.classes.enumerated().map { ($1, $0) })
        var loss = 0.0
        for (i, label) in y.enumerated() { loss -= logProba[i, column[label] ?? 0] }
        guard model.C.isFinite, let coef = model.coef else { return loss }
        let squares = coef.scalars.reduce(0) { $0 + $1 * $1 }, absolutes = coef.scalars.reduce(0) { $0 + abs($1) }
        return model.C * loss + 0.5 * (1 - model.l1Ratio) * squares + model.l1Ratio * absolutes
    }

    @Test func everyIncludedFitMatchesScikitLearn() throws {
        let fits = try LinearReference.fits("logistic").filter(Self.included)
        #expect(fits.count == 27)
        var cache: [String: (X: Matrix<Double>, y: [Int])] = [:]
        for fit in fits {
            let name =
                "\(try fit.member("dataset").string()) \(try fit.member("solver").string()) \(try fit.member("penalty").string())"
            let datasetName = try fit.member("dataset").string()
            let data = try cache[datasetName] ?? LinearReference.dataset(datasetName)
            cache[datasetName] = data
            var model = try Self.model(for: fit)
            try model.fit(data.X, data.y)
            let penalty = try fit.member("penalty").string()
            if penalty == "l2" || penalty == "none" {
                let coef = try #require(model.coef)
                #expect(
                    LinearReference.relativeError(coef.scalars, try LinearReference.matrix(fit.member("coef")).scalars)
                        <= 1e-4, "\(name) coef")
                #expect(
                    LinearReference.relativeError(model.intercept, try fit.member("intercept").hexDoubles()) <= 1e-4,
                    "\(name) intercept")
                #expect(try model.predict(data.X) == fit.member("predict").ints(), "\(name) predictions")
                let head = try model.predictProba(try data.X.rows(in: 0..<10))
                let expectedHead = try LinearReference.matrix(fit.member("proba_head"))
                #expect(
                    zip(head.scalars, expectedHead.scalars).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(name) probabilities"
                )
            } else {
                let ours = try Self.objective(model, data.X, data.y)
                let theirs = try #require(Double(try fit.member("objective").string()))
                #expect(ours <= theirs * (1 + 1e-6), "\(name): objective \(ours) vs scikit-learn \(theirs)")
            }
        }
    }
}
