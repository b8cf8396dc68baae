import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnNeural
import LearnTestSupport
import Testing

/// `MLPClassifier` / `MLPRegressor` against scikit-learn 1.9.1 fits on the same generated data
/// (`Benchmarks/Reference/mlp_reference.py` → `Resources/mlp_reference.json`). The initial weights and
/// epoch shuffles come from the same NumPy stream as scikit-learn's, so the loss curves agree closely
/// (float32 here, float64 there) and the final scores within a point.
@Suite struct MLPEstimatorTests {
    static let cases: [JSONValue] = {
        let url = Bundle.module.url(forResource: "mlp_reference", withExtension: "json", subdirectory: "Resources")
        return ((try? url.map(JSONValue.load))?["cases"].flatMap { try? $0.array() }) ?? []
    }()

    static func apply(_ params: JSONValue, to model: inout some MultilayerPerceptron) throws {
        let names = [
            "hidden_layer_sizes": "hiddenLayerSizes", "activation": "activation", "solver": "solver",
            "max_iter": "maxIter",
            "batch_size": "batchSize", "random_state": "randomState", "learning_rate_init": "learningRateInit",
            "early_stopping": "earlyStopping"
        ]
        guard case let .object(members) = params else { throw VectorError("params is not an object") }
        for (key, value) in members {
            let name = try #require(names[key], "unmapped parameter \(key)")
            let parameter: ParameterValue =
                switch value {
                case let .int(n): .int(n)
                case let .double(x): .double(x)
                case let .bool(b): .bool(b)
                case let .string(s): .string(s)
                case let .array(items): .doubles(try items.map { try $0.double() })
                default: .none
                }
            try model.setParameter(name, parameter)
        }
    }

    @Test(arguments: 0..<5)
    func fitsAgreeWithScikitLearn(_ index: Int) throws {
        let reference = try #require(Self.cases.count == 5 ? Self.cases[index] : nil, "mlp_reference.json has 5 cases")
        let data = try reference.member("data")
        let name = try reference.member("name").string()
        let expectedCurve = try reference.member("loss_curve").doubles()
        let ours: (curve: [Double], nIter: Int, score: Double)
        if try reference.member("kind").string() == "classifier" {
            let (X, y) = try makeClassification(
                nSamples: data.member("n_samples").int(), nFeatures: data.member("n_features").int(),
                nInformative: (data["n_informative"].map { try $0.int() }) ?? 2,
                nClasses: (data["n_classes"].map { try $0.int() }) ?? 2, randomState: data.member("random_state").int())
            var model = MLPClassifier()
            try Self.apply(reference.member("params"), to: &model)
            try model.fit(X, y)
            ours = (model.lossCurve, model.nIter, try model.score(X, y))
        } else {
            let (X, y, _) = try makeRegression(
                nSamples: data.member("n_samples").int(), nFeatures: data.member("n_features").int(),
                noise: data.member("noise").double(), randomState: data.member("random_state").int())
            var model = MLPRegressor()
            try Self.apply(reference.member("params"), to: &model)
            try model.fit(X, y)
            ours = (model.lossCurve, model.nIter, try model.score(X, y))
        }
        let relative = { (a: Double, b: Double) in abs(a - b) / max(1e-12, abs(b)) }
        #expect(
            relative(ours.curve[0], expectedCurve[0]) < 1e-5,
            "\(name): first epoch loss \(ours.curve[0]) vs \(expectedCurve[0])")
        #expect(abs(ours.score - (try reference.member("score").double())) <= 0.01, "\(name): score \(ours.score)")
        #expect(ours.nIter == (try reference.member("n_iter").int()), "\(name): \(ours.nIter) epochs")
        let worst = zip(ours.curve, expectedCurve).map(relative).max() ?? 1
        #expect(worst < 1e-3, "\(name): loss curves differ by up to \(worst)")
    }

    @Test func estimatorProtocolsProbabilitiesAndPersistence() throws {
        let (X, y) = try makeClassification(nSamples: 200, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 7)
        let labels = y.map { [10, 20, 30][$0] }
        var model = MLPClassifier(hiddenLayerSizes: [16], maxIter: 30, randomState: 0)
        try model.fit(X, labels)
        #expect(
            model.classes == [10, 20, 30] && model.coefs.map(\.shape) == [[5, 16], [16, 3]]
                && model.intercepts.map(\.count) == [16, 3])
        let proba = try model.predictProba(X)
        #expect(proba.shape == [200, 3])
        for r in 0..<200 { #expect(abs(proba.scalars[(3 * r)..<(3 * r + 3)].reduce(0, +) - 1) < 1e-5) }
        let predicted = try model.predict(X)
        #expect(Set(predicted).isSubset(of: [10, 20, 30]))
        #expect(
            model.parameters["hiddenLayerSizes"] == .doubles([16]) && model.parameters["batchSize"] == .string("auto"))
        #expect(model.convergenceWarning != nil) // 30 epochs are not enough here
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-mlp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mlp.h5").path
        try model.save(to: path)
        let restored = try MLPClassifier.load(from: path)
        #expect(
            try restored.predictProba(X) == proba && restored.lossCurve == model.lossCurve && restored.maxIter == 30)
        var regressor = MLPRegressor(hiddenLayerSizes: [8], maxIter: 5, randomState: 1)
        try regressor.fit(X, X.scalars.enumerated().filter { $0.offset % 5 == 0 }.map(\.element))
        try regressor.save(to: path)
        #expect(try MLPRegressor.load(from: path).predict(X) == regressor.predict(X))
        #expect(throws: LearnError.self) { try MLPClassifier.load(from: path) }
    }

    @Test func badInputGetsClearErrors() throws {
        let X = try Matrix<Double>([[0, 1], [1, 0], [1, 1]])
        var model = MLPClassifier(maxIter: 2)
        #expect(throws: LearnError.notFitted(type: "MLPClassifier")) { try model.predict(X) }
        #expect(throws: LearnError.self) { try model.fit(X, [1, 1, 1]) } // one class
        #expect(throws: LearnError.self) { try model.fit(X, [0, 1]) } // lengths differ
        #expect(throws: LearnError.nonFiniteInput(operation: "MLPClassifier.fit")) {
            try model.fit(try Matrix([[0, .nan], [1, 0]]), [0, 1])
        }
        model.hiddenLayerSizes = [0]
        #expect(throws: LearnError.self) { try model.fit(X, [0, 1, 0]) }
        #expect(throws: LearnError.self) { try model.setParameter("activation", "softsign") }
        #expect(throws: LearnError.self) { try model.setParameter("hiddenLayers", 3) }
        model.hiddenLayerSizes = [4]
        try model.fit(X, [0, 1, 0])
        #expect(throws: LearnError.self) { try model.predict(try Matrix<Double>.zeros(1, 3)) }
        var regressor = MLPRegressor(maxIter: 2)
        #expect(throws: LearnError.nonFiniteInput(operation: "MLPRegressor.fit")) {
            try regressor.fit(X, [1, .infinity, 0])
        }
    }
}
