import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnPreprocessing
import Testing

/// Every persisted estimator: save, load, identical arrays and predictions.
@Suite struct PersistenceTests {
    static let data = try? makeClassification(nSamples: 120, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 4)

    @Test func logisticRegressionRoundTrips() throws {
        let (X, y) = try #require(Self.data)
        for (index, model) in [
            LogisticRegression(C: 0.5, classWeight: .balanced, maxIter: 500),
            LogisticRegression(l1Ratio: 1, maxIter: 300, solver: .saga, randomState: 3)
        ].enumerated() {
            var fitted = model
            try fitted.fit(X, y)
            let path = InteropFolder.file("logistic_regression_\(index).h5")
            try fitted.save(to: path)
            let loaded = try LogisticRegression.load(from: path)
            #expect(
                loaded.coef == fitted.coef && loaded.intercept == fitted.intercept && loaded.classes == fitted.classes)
            #expect(loaded.parameters == fitted.parameters)
            #expect(try loaded.predict(X) == fitted.predict(X))
            #expect(try loaded.predictProba(X) == fitted.predictProba(X))
        }
        // Binary: one row of coefficients.
        var binary = LogisticRegression()
        try binary.fit(X, y.map { $0 == 2 ? 1 : 0 })
        let path = InteropFolder.file("logistic_regression_binary.h5")
        try binary.save(to: path)
        #expect(try LogisticRegression.load(from: path).predict(X) == binary.predict(X))
    }

    @Test func regressorsRoundTrip() throws {
        let (X, y, _) = try makeRegression(nSamples: 60, nFeatures: 4, noise: 1, randomState: 2)
        var ols = LinearRegression()
        try ols.fit(X, y)
        try ols.save(to: InteropFolder.file("linear_regression.h5"))
        let loadedOLS = try LinearRegression.load(from: InteropFolder.file("linear_regression.h5"))
        #expect(try loadedOLS.predict(X) == ols.predict(X))
        var ridge = Ridge(alpha: 2.5, fitIntercept: false, solver: .svd)
        try ridge.fit(X, y)
        try ridge.save(to: InteropFolder.file("ridge.h5"))
        let loadedRidge = try Ridge.load(from: InteropFolder.file("ridge.h5"))
        #expect(loadedRidge == ridge)
        var sgd = SGDRegressor(maxIter: 20, tol: nil, randomState: 1)
        try sgd.fit(X, y)
        try sgd.save(to: InteropFolder.file("sgd_regressor.h5"))
        #expect(try SGDRegressor.load(from: InteropFolder.file("sgd_regressor.h5")) == sgd)
    }

    @Test func transformersRoundTrip() throws {
        let (X, _) = try #require(Self.data)
        var standard = StandardScaler(withMean: false)
        try standard.fit(X)
        try standard.save(to: InteropFolder.file("standard_scaler.h5"))
        #expect(try StandardScaler.load(from: InteropFolder.file("standard_scaler.h5")) == standard)
        var minMax = MinMaxScaler(featureRange: (-1, 2), clip: true)
        try minMax.fit(X)
        try minMax.save(to: InteropFolder.file("min_max_scaler.h5"))
        let loadedMinMax = try MinMaxScaler.load(from: InteropFolder.file("min_max_scaler.h5"))
        #expect(try loadedMinMax == minMax && loadedMinMax.transform(X) == minMax.transform(X))
        var words = LabelEncoder<String>()
        try words.fit(["tokyo", "paris", "oslo"])
        try words.save(to: InteropFolder.file("label_encoder_strings.h5"))
        #expect(
            try LabelEncoder<String>.load(from: InteropFolder.file("label_encoder_strings.h5")).classes == [
                "oslo", "paris", "tokyo"
            ])
        var numbers = LabelEncoder<Int>()
        try numbers.fit([7, 3, 11])
        try numbers.save(to: InteropFolder.file("label_encoder_ints.h5"))
        #expect(try LabelEncoder<Int>.load(from: InteropFolder.file("label_encoder_ints.h5")) == numbers)
        var oneHot = OneHotEncoder<String>(handleUnknown: .ignore)
        try oneHot.fit([["red", "S"], ["green", "M"], ["red", "L"]])
        try oneHot.save(to: InteropFolder.file("one_hot_encoder.h5"))
        let loadedOneHot = try OneHotEncoder<String>.load(from: InteropFolder.file("one_hot_encoder.h5"))
        #expect(
            try loadedOneHot == oneHot && loadedOneHot.transform([["blue", "M"]]) == oneHot.transform([["blue", "M"]]))
    }

    @Test func unfittedModelsAreNotSaved() throws {
        #expect(throws: LearnError.notFitted(type: "LogisticRegression")) {
            try LogisticRegression().save(to: scratchFolder() + "/x.h5")
        }
    }
}
