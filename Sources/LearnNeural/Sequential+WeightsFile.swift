import Foundation
import LearnCore
import LearnHDF5

extension Sequential {
    /// Saves the weights alone in Keras' legacy weights layout (`layer_names` at the root, one group
    /// per layer), which Keras' `model.load_weights("x.h5")` reads; atomic like ``save(to:includeOptimizer:)``.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; `LearnError/io(path:reason:)`.
    public func saveWeights(to path: String) throws {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        try HDF5File.writeAtomically(to: path) { file in try writeModelWeights(to: try file.root) }
    }

    /// Loads weights written by ``saveWeights(to:)`` (or a whole-model file's `model_weights`) into this
    /// network, which must be built with the same layers.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; `LearnError/corruptFile(path:reason:)`
    ///   when the file's layers or shapes differ.
    public mutating func loadWeights(from path: String) throws {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        let root = try HDF5File.open(path).root
        let group = root.isGroup("model_weights") ? try root.group("model_weights") : root
        guard case let .strings(names) = try group.attribute("layer_names"), names == layers.map(\.name) else {
            throw LearnError.corruptFile(
                path: path, reason: "the file's layers differ from the network's \(layers.map(\.name))")
        }
        var copy = self
        try copy.readKerasWeights(from: group) { LearnError.corruptFile(path: path, reason: $0) }
        self = copy
    }
}
