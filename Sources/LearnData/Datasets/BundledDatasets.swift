import Foundation
import LearnCore

/// Iris: 150 flowers, 4 measurements (cm), 3 species — `sklearn.datasets.load_iris()`.
public func loadIris() throws -> Dataset { try loadBundledDataset("iris") }

/// Wine: 178 wines, 13 chemical measurements, 3 cultivars — `sklearn.datasets.load_wine()`.
public func loadWine() throws -> Dataset { try loadBundledDataset("wine") }

/// Breast Cancer Wisconsin (Diagnostic): 569 tumours, 30 features, malignant (0) or benign (1) —
/// `sklearn.datasets.load_breast_cancer()`.
public func loadBreastCancer() throws -> Dataset { try loadBundledDataset("breast_cancer") }

/// Digits: 1,797 8×8 images of handwritten digits (pixel values 0–16), 10 classes —
/// `sklearn.datasets.load_digits()`. ``Dataset/images`` holds them as `[1797, 8, 8]`.
public func loadDigits() throws -> Dataset { try loadBundledDataset("digits") }

/// The metadata file written beside each CSV by `Datasets/export_datasets.py`.
private struct DatasetMetadata: Decodable {
    let name: String
    let n_samples: Int
    let n_features: Int
    let feature_names: [String]
    let target_names: [String]
    let source: String
    let image_shape: [Int]?
}

/// Parses one embedded dataset and checks it against its metadata.
func loadBundledDataset(_ name: String) throws -> Dataset {
    let path = "Datasets/\(name).csv"
    guard let csv = embeddedDatasetFiles["\(name).csv"], let json = embeddedDatasetFiles["\(name).json"] else {
        throw LearnError.io(path: path, reason: "the dataset was not compiled into this build")
    }
    let metadata: DatasetMetadata
    do {
        metadata = try JSONDecoder().decode(DatasetMetadata.self, from: Data(json.utf8))
    } catch {
        throw LearnError.corruptFile(path: "Datasets/\(name).json", reason: "\(error)")
    }
    let table = try readCSV(string: csv, targetColumn: "target", source: path)
    let target = try table.integerTarget()
    guard table.data.shape == [metadata.n_samples, metadata.n_features], table.featureNames == metadata.feature_names,
        target.allSatisfy({ (0..<metadata.target_names.count).contains($0) })
    else {
        throw LearnError.corruptFile(path: path, reason: "the data does not match \(name).json's sizes and names")
    }
    var images: Tensor<Double>?
    if let shape = metadata.image_shape {
        images = try Tensor(shape: [metadata.n_samples] + shape, scalars: table.data.scalars)
    }
    return Dataset(
        data: table.data, target: target, featureNames: table.featureNames,
        targetNames: metadata.target_names, images: images, source: metadata.source)
}
