import LearnCore

/// A placeholder for the data that will flow through a ``Model``, Keras' `KerasTensor`: made by
/// ``Input(shape:name:)``, passed to layers (`Dense(8)(x)`), and finally to
/// `Model(inputs:outputs:)`. It records the layer call that produced it, so the
/// outputs reach back through the whole graph.
///
/// ```swift
/// let inputs = Input(shape: [20])
/// let hidden = Dense(8, activation: .relu)(inputs)
/// print(hidden.shape ?? [])
/// ```
/// <!-- doctest: output -->
/// ```text
/// [8]
/// ```
public struct SymbolicTensor: Sendable {
    /// The call that produced it.
    let node: GraphNode

    /// The per-sample shape (without the batch axis); `nil` when the layer call that made it failed —
    /// `Model(inputs:outputs:)` then throws that error.
    public var shape: [Int]? { node.shape }
}

/// One call in a graph under construction: an input placeholder, or a layer applied to tensors.
/// Immutable, so a graph built from these cannot contain a cycle.
final class GraphNode: Sendable {
    /// The layer called (`nil` for an input).
    let layer: (any Layer)?
    /// The tensors it was called on.
    let inputs: [SymbolicTensor]
    /// Its output's per-sample shape, `nil` after a failed call.
    let shape: [Int]?
    /// Why the call failed.
    let error: LearnError?
    /// An input's name (empty: assigned by the model).
    let inputName: String
    /// Whether the layer was called with a list (`Add()([a, b])`).
    let takesList: Bool

    init(
        layer: (any Layer)?, inputs: [SymbolicTensor], shape: [Int]?, error: LearnError?, inputName: String = "",
        takesList: Bool = false
    ) {
        (self.layer, self.inputs, self.shape, self.error) = (layer, inputs, shape, error)
        (self.inputName, self.takesList) = (inputName, takesList)
    }

    /// A layer call: the output shape is inferred now, on a copy of the layer; a failure is kept for the model.
    convenience init(calling layer: any Layer, on inputs: [SymbolicTensor], takesList: Bool) {
        var copy = layer
        var (shape, failure): ([Int]?, LearnError?) = (nil, nil)
        let shapes = inputs.compactMap(\.shape)
        if shapes.count == inputs.count {
            do {
                if takesList, var merge = copy as? any MultiInputLayer {
                    shape = try merge.build(inputShapes: shapes)
                } else if takesList {
                    throw LearnError.shapeMismatch(
                        operation: "\(layer.kerasClassName) \(layer.name)", expected: "a single input",
                        got: "a list of \(inputs.count)")
                } else {
                    shape = try copy.build(inputShape: shapes[0])
                }
            } catch let error as LearnError {
                failure = error
            } catch {
                failure = .invalidParameter(name: layer.kerasClassName, expected: "a buildable layer", got: "\(error)")
            }
        }
        self.init(layer: layer, inputs: inputs, shape: shape, error: failure, takesList: takesList)
    }
}

/// A placeholder for a model's input, Keras' `keras.Input`: `shape` is one sample's shape, without the
/// batch axis (`[20]` for 20 features, `[28, 28, 1]` for greyscale images).
///
/// ```swift
/// let image = Input(shape: [28, 28, 1], name: "image")
/// print(image.shape ?? [])
/// ```
/// <!-- doctest: output -->
/// ```text
/// [28, 28, 1]
/// ```
public func Input(shape: [Int], name: String = "") -> SymbolicTensor { // swiftlint:disable:this identifier_name
    let valid = !shape.isEmpty && shape.allSatisfy { $0 >= 1 }
    let error: LearnError? =
        valid ? nil : .invalidGraph(node: name.isEmpty ? "Input" : name, reason: "shape \(shape) is not a sample shape")
    return SymbolicTensor(
        node: GraphNode(layer: nil, inputs: [], shape: valid ? shape : nil, error: error, inputName: name))
}

extension Layer {
    /// Applies the layer to a symbolic tensor while building a ``Model`` (Keras' `layer(x)`). Calling the
    /// same layer value on several tensors shares its weights.
    public func callAsFunction(_ input: SymbolicTensor) -> SymbolicTensor {
        SymbolicTensor(node: GraphNode(calling: self, on: [input], takesList: false))
    }
}

extension MultiInputLayer {
    /// Applies a merge layer to a list of symbolic tensors (`Add()([x, skip])`).
    public func callAsFunction(_ inputs: [SymbolicTensor]) -> SymbolicTensor {
        SymbolicTensor(node: GraphNode(calling: self, on: inputs, takesList: true))
    }
}
