import Foundation
import LearnCore
import LearnHDF5
import LearnLinear
import LearnNeural

/// What a model file holds, told from its root attributes: an estimator of ours (`swiftlearn_class`) or
/// a network, ours or Keras' (`swiftlearn_class`, else the `class_name` of Keras' `model_config`). The one
/// table from class names to loaders that `predict`, `train` and `inspect` share.
enum SavedModel: Sendable {
    /// An estimator: loads the file and predicts one value per row (labels or regression values).
    case estimator(predict: @Sendable (_ path: String, _ x: Matrix<Double>) throws -> [Double])
    /// A network: loads the file.
    case network(load: @Sendable (_ path: String) throws -> any CommandLineNetwork)

    /// Every model class the tool runs, by the name its files carry.
    static let byClassName: [String: SavedModel] = [
        "LogisticRegression": .estimator { try LogisticRegression.load(from: $0).predict($1).map(Double.init) },
        "LinearRegression": .estimator { try LinearRegression.load(from: $0).predict($1) },
        "Ridge": .estimator { try Ridge.load(from: $0).predict($1) },
        "SGDRegressor": .estimator { try SGDRegressor.load(from: $0).predict($1) },
        "MLPClassifier": .estimator { try MLPClassifier.load(from: $0).predict($1).map(Double.init) },
        "MLPRegressor": .estimator { try MLPRegressor.load(from: $0).predict($1) },
        // Our networks say `Sequential` / `Model`; Keras' files only `model_config`, `Sequential` / `Functional`.
        "Sequential": .network { try Sequential.load(from: $0) },
        "Model": .network { try Model.load(from: $0) },
        "Functional": .network { try Model.load(from: $0) }
    ]

    /// The class name the file at `path` declares, or `nil` when it names none (an HDF5 file of other data).
    /// - Throws: `LearnError` when the file is missing or is not HDF5.
    static func className(ofFileAt path: String) throws -> String? {
        let file = try HDF5File.open(path)
        defer { try? file.close() }
        let root = try file.root
        if case let .string(name)? = try? root.attribute("swiftlearn_class") { return name }
        guard case let .string(config)? = try? root.attribute("model_config"),
            let object = try? JSONSerialization.jsonObject(with: Data(config.utf8)) as? [String: Any]
        else { return nil }
        return object["class_name"] as? String
    }

    /// The kind of model in the file at `path`, `nil` when it declares no class the tool knows.
    static func kind(ofFileAt path: String) throws -> (className: String, kind: SavedModel)? {
        guard let name = try className(ofFileAt: path), let kind = byClassName[name] else { return nil }
        return (name, kind)
    }

    /// The network in the file at `path`; anything else is a clear error naming the file.
    static func network(at path: String) throws -> any CommandLineNetwork {
        let found = try kind(ofFileAt: path)
        guard case let .network(load)? = found?.kind else {
            throw LearnError.corruptFile(
                path: path,
                reason: "\(found?.className ?? "this file") is not a network (expected a Keras or SwiftLearn .h5 "
                    + "with a Sequential or functional model_config)")
        }
        return try load(path)
    }
}
