import LearnCore
import LearnData
import Testing

/// The bundled datasets against the values `sklearn.datasets.load_*()` returns (scikit-learn 1.9.1).
@Suite struct BundledDatasetTests {
    static func classCounts(_ target: [Int]) -> [Int] {
        (0...(target.max() ?? 0)).map { label in target.filter { $0 == label }.count }
    }

    @Test func iris() throws {
        let iris = try loadIris()
        #expect(iris.data.shape == [150, 4])
        #expect(try iris.data.row(0) == [5.1, 3.5, 1.4, 0.2])
        #expect(try Array(iris.data.row(149).suffix(3)) == [3.0, 5.1, 1.8])
        #expect(Self.classCounts(iris.target) == [50, 50, 50])
        #expect(iris.targetNames == ["setosa", "versicolor", "virginica"])
        #expect(iris.featureNames.first == "sepal length (cm)" && iris.images == nil)
        #expect(iris.source.contains("CC BY 4.0"))
    }

    @Test func wine() throws {
        let wine = try loadWine()
        #expect(wine.data.shape == [178, 13])
        #expect(try Array(wine.data.row(0).prefix(5)) == [14.23, 1.71, 2.43, 15.6, 127.0])
        #expect(try Array(wine.data.row(177).suffix(3)) == [0.61, 1.6, 560.0])
        #expect(Self.classCounts(wine.target) == [59, 71, 48])
        #expect(wine.targetNames == ["class_0", "class_1", "class_2"] && wine.featureNames.first == "alcohol")
    }

    @Test func breastCancer() throws {
        let cancer = try loadBreastCancer()
        #expect(cancer.data.shape == [569, 30])
        #expect(try Array(cancer.data.row(0).prefix(5)) == [17.99, 10.38, 122.8, 1001.0, 0.1184])
        #expect(try Array(cancer.data.row(568).suffix(3)) == [0.0, 0.2871, 0.07039])
        #expect(Self.classCounts(cancer.target) == [212, 357])
        #expect(cancer.targetNames == ["malignant", "benign"] && cancer.featureNames.first == "mean radius")
    }

    @Test func digitsAlsoComeAsImages() throws {
        let digits = try loadDigits()
        #expect(digits.data.shape == [1797, 64])
        #expect(try Array(digits.data.row(0).prefix(5)) == [0, 0, 5, 13, 9])
        #expect(try Array(digits.data.row(1796).suffix(3)) == [12, 1, 0])
        #expect(Self.classCounts(digits.target) == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(digits.targetNames == (0...9).map(String.init) && digits.featureNames.first == "pixel_0_0")
        let images = try #require(digits.images)
        #expect(images.shape == [1797, 8, 8])
        #expect(images[0, 0, 2] == 5 && images[1796, 7, 5] == 12)
        #expect(digits.xy.y == digits.target)
    }
}
