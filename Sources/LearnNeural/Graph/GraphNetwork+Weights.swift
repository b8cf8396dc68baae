import Foundation
import LearnCore

/// Where one weight of one layer lives: in a network's trainable `parameters` or its `states`.
struct WeightLocation {
    /// The layer's index.
    let layer: Int
    /// Keras' description of the weight.
    let weight: LayerWeight
    /// The first value's index in `parameters` or `states`.
    let start: Int

    /// The range of values.
    var range: Range<Int> { start..<(start + weight.count) }
}

extension GraphNetwork {
    /// Every weight of every layer in Keras' order (`model.weights`), with where its values live.
    func weightLocations() -> [WeightLocation] {
        var result: [WeightLocation] = []
        for (index, layer) in layers.enumerated() {
            var (parameterStart, stateStart) = (offsets[index], stateOffsets[index])
            for weight in layer.weights {
                if weight.trainable {
                    result.append(WeightLocation(layer: index, weight: weight, start: parameterStart))
                    parameterStart += weight.count
                } else {
                    result.append(WeightLocation(layer: index, weight: weight, start: stateStart))
                    stateStart += weight.count
                }
            }
        }
        return result
    }

    /// The values of one weight.
    func values(at location: WeightLocation) -> [Float] {
        Array(location.weight.trainable ? parameters[location.range] : states[location.range])
    }

    /// Replaces the values of one weight (same count).
    mutating func setValues(_ values: [Float], at location: WeightLocation) {
        if location.weight.trainable {
            parameters.replaceSubrange(location.range, with: values)
        } else {
            states.replaceSubrange(location.range, with: values)
        }
    }

    /// Each layer's weights as Keras' `get_weights()` lists them, in Keras' shapes: a Dense layer's kernel
    /// `[inputs, units]` and bias `[units]`; BatchNormalization's gamma, beta, moving mean and variance.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built.
    public func getWeights() throws -> [Tensor<Float>] {
        _ = try executionPlan() // throws notFitted before the network is built
        return try weightLocations().map { try Tensor(shape: $0.weight.shape, scalars: values(at: $0)) }
    }

    /// Replaces the weights with tensors shaped as ``getWeights()`` returns them (Keras' `set_weights`).
    /// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` when the list or a shape differs;
    ///   `LearnError/nonFiniteInput(operation:)` for NaN or infinity.
    public mutating func setWeights(_ weights: [Tensor<Float>]) throws {
        _ = try executionPlan() // throws notFitted before the network is built
        let locations = weightLocations()
        guard weights.count == locations.count else {
            throw LearnError.shapeMismatch(
                operation: "setWeights", expected: "\(locations.count) arrays", got: "\(weights.count)")
        }
        for (given, location) in zip(weights, locations) where given.shape != location.weight.shape {
            throw LearnError.shapeMismatch(
                operation: "setWeights \(layers[location.layer].name)/\(location.weight.name)",
                expected: "\(location.weight.shape)", got: "\(given.shape)")
        }
        guard weights.allSatisfy({ $0.scalars.allSatisfy(\.isFinite) }) else {
            throw LearnError.nonFiniteInput(operation: "setWeights")
        }
        for (given, location) in zip(weights, locations) { setValues(given.scalars, at: location) }
    }
}
