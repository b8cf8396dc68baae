import Foundation
import LearnCore

/// Maps token ids to learned vectors, Keras' `Embedding`: samples of `length` ids (integers in
/// `0..<inputDim`, given as numbers) become `[length, outputDim]`; the table is initialised uniform in
/// ±0.05, as Keras does. Put it first: the network checks the ids before training or predicting.
public struct Embedding: Layer, Equatable {
    /// Vocabulary size: ids run over `0..<inputDim`.
    public var inputDim: Int
    /// Vector length.
    public var outputDim: Int
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var length = 0

    /// `Embedding(inputDim: 1000, outputDim: 32)`.
    public init(inputDim: Int, outputDim: Int, name: String = "") {
        (self.inputDim, self.outputDim, self.name) = (inputDim, outputDim, name)
    }

    /// `"Embedding"`.
    public static let kerasClass = "Embedding"

    /// `[length]` → `[length, outputDim]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard inputDim >= 1, outputDim >= 1 else {
            throw LearnError.invalidParameter(
                name: "inputDim/outputDim", expected: "at least 1", got: "\(inputDim), \(outputDim)")
        }
        guard inputShape.count == 1, let steps = inputShape.first, steps >= 1 else {
            throw LearnError.shapeMismatch(
                operation: "Embedding.build", expected: "sequences of token ids [length]",
                got: "samples of shape \(inputShape)")
        }
        length = steps
        return [steps, outputDim]
    }

    /// `embeddings` `[inputDim, outputDim]`.
    public var weights: [LayerWeight] { [LayerWeight("embeddings", shape: [inputDim, outputDim])] }

    /// Keras' `uniform(-0.05, 0.05)`.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        for i in 0..<(inputDim * outputDim) { parameters[i] = Float(-0.05 + 0.1 * rng.randomSample()) }
    }

    /// Every id must be a whole number in `0..<inputDim`.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` naming the first bad id.
    public func checkInput(_ x: Matrix<Double>) throws {
        if let bad = x.scalars.first(where: { !($0 >= 0 && $0 < Double(inputDim) && $0.rounded() == $0) }) {
            throw LearnError.invalidParameter(
                name: "token id", expected: "whole numbers in 0..<\(inputDim) (Embedding inputDim)", got: "\(bad)")
        }
    }

    /// The table rows of the ids (ids are checked up front; any stray value is clamped into range).
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        for t in 0..<(batch * length) {
            (output + t * outputDim).update(from: parameters + row(input[t]) * outputDim, count: outputDim)
        }
    }

    /// Adds each position's gradient into its id's row; ids have no gradient.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        for t in 0..<(batch * length) {
            let (target, source) = (parameterGradients + row(input[t]) * outputDim, outputGradient + t * outputDim)
            for j in 0..<outputDim { target[j] += source[j] }
        }
        inputGradient?.update(repeating: 0, count: batch * length)
    }

    private func row(_ id: Float) -> Int {
        id >= 0 && id < Float(inputDim) ? Int(id) : (id >= Float(inputDim) ? inputDim - 1 : 0)
    }

    /// `input_dim`, `output_dim`, the initializer.
    public var kerasConfig: [String: Any] {
        [
            "input_dim": inputDim, "output_dim": outputDim,
            "embeddings_initializer": KerasConfig.initializer(
                "RandomUniform", ["minval": -0.05, "maxval": 0.05, "seed": NSNull()]),
            "embeddings_regularizer": NSNull(), "activity_regularizer": NSNull(), "embeddings_constraint": NSNull(),
            "mask_zero": false
        ]
    }
}

extension Embedding: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Embedding {
        let settings = config.settings
        guard let inputDim = settings["input_dim"] as? Int, let outputDim = settings["output_dim"] as? Int,
            settings["mask_zero"] as? Bool != true
        else {
            throw config.unsupported()
        }
        return Embedding(inputDim: inputDim, outputDim: outputDim, name: config.name)
    }
}
