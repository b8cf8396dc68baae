import Foundation
import LearnCore
import LearnData
import LearnPreprocessing
import LearnTestSupport
import Testing

/// `Resources/linear_reference.json` (scikit-learn 1.9.1, `Benchmarks/Reference/linear_reference.py`)
/// and the datasets it was fitted on, rebuilt in Swift.
enum LinearReference {
    static let root: JSONValue? = {
        guard
            let url = Bundle.module.url(
                forResource: "linear_reference", withExtension: "json", subdirectory: "Resources")
        else { return nil }
        return try? JSONValue.load(url)
    }()

    static func fits(_ key: String) throws -> [JSONValue] {
        try #require(root).member(key).array()
    }

    /// The data behind a reference fit's `dataset` name.
    static func dataset(_ name: String) throws -> (X: Matrix<Double>, y: [Int]) {
        switch name {
        case "article": return try makeClassification(nSamples: 100, nFeatures: 10, nClasses: 2, randomState: 42)
        case "multiclass":
            return try makeClassification(nSamples: 300, nFeatures: 8, nInformative: 5, nClasses: 4, randomState: 7)
        default:
            let loaders: [String: () throws -> Dataset] = [
                "iris": loadIris, "wine": loadWine, "breast_cancer": loadBreastCancer, "digits": loadDigits
            ]
            let loader = try #require(loaders[name])
            let data = try loader()
            var scaler = StandardScaler()
            return (try scaler.fitTransform(data.data), data.target)
        }
    }

    static func matrix(_ value: JSONValue) throws -> Matrix<Double> {
        let (rows, scalars) = try value.hexMatrix()
        return try Matrix(rows: rows, columns: scalars.count / Swift.max(rows, 1), scalars: scalars)
    }

    /// `‖a − b‖∞ / max(‖b‖∞, tiny)`.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let scale = Swift.max(b.map(abs).max() ?? 0, 1e-300)
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? .infinity
    }
}
