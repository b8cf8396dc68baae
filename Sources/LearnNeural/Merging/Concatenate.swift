import LearnCore

/// Joins its inputs along one axis, Keras' `Concatenate(axis:)`: every other axis must agree. `axis`
/// counts the batch axis as 0, as Keras does (`-1`, the default, is the last axis: features or channels).
public struct Concatenate: MultiInputLayer, Equatable {
    /// The axis joined (negative counts from the end; 0, the batch axis, is refused).
    public var axis: Int
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Blocks per sample before the axis.
    private var outer = 0
    /// Each input's values per block.
    private var chunks: [Int] = []

    /// `Concatenate()` joins features; `Concatenate(axis: 1)` joins the first axis after the batch.
    public init(axis: Int = -1, name: String = "") { (self.axis, self.name) = (axis, name) }

    /// `"Concatenate"`.
    public static let kerasClass = "Concatenate"

    /// The shapes with the joined axis summed.
    public mutating func build(inputShapes: [[Int]]) throws -> [Int] {
        let operation = "Concatenate \(name)"
        guard inputShapes.count >= 2, let first = inputShapes.first, !first.isEmpty else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "at least 2 inputs with a feature axis", got: "\(inputShapes)")
        }
        let rank = first.count
        let position = axis < 0 ? rank + axis : axis - 1
        guard (0..<rank).contains(position) else {
            throw LearnError.invalidParameter(
                name: "axis", expected: "an axis of the \(rank + 1)-D inputs other than the batch axis 0",
                got: "\(axis)")
        }
        func others(_ shape: [Int]) -> [Int] { Array(shape[..<position] + shape[(position + 1)...]) }
        guard inputShapes.allSatisfy({ $0.count == rank && others($0) == others(first) }) else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "inputs that agree on every axis but \(axis)",
                got: inputShapes.map { "\($0)" }.joined(separator: ", "))
        }
        (outer, chunks) = (first[..<position].reduce(1, *), inputShapes.map { $0[position...].reduce(1, *) })
        var shape = first
        shape[position] = inputShapes.reduce(0) { $0 + $1[position] }
        return shape
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// `axis` in Keras' spelling.
    public var kerasConfig: [String: Any] { ["axis": axis] }

    /// Each input's block copied in turn.
    public func forward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>, state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        training: Bool, rng: inout RandomState
    ) {
        visitBlocks(batch: batch) { k, inputOffset, outputOffset, count in
            (output + outputOffset).update(from: inputs[k] + inputOffset, count: count)
        }
    }

    /// The output gradient split back into the inputs' blocks.
    public func backward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafePointer<Float>,
        outputGradient: UnsafeMutablePointer<Float>, inputGradients: UnsafeBufferPointer<UnsafeMutablePointer<Float>?>,
        batch: Int, parameters: UnsafePointer<Float>, parameterGradients: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        visitBlocks(batch: batch) { k, inputOffset, outputOffset, count in
            inputGradients[k]?.advanced(by: inputOffset).update(from: outputGradient + outputOffset, count: count)
        }
    }

    /// Calls `body(input, offset in it, offset in the output, count)` for every block of every sample.
    private func visitBlocks(batch: Int, _ body: (Int, Int, Int, Int) -> Void) {
        var outputOffset = 0
        for block in 0..<(batch &* outer) {
            for (k, chunk) in chunks.enumerated() {
                body(k, block &* chunk, outputOffset, chunk)
                outputOffset &+= chunk
            }
        }
    }
}

extension Concatenate: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Concatenate {
        Concatenate(axis: config.settings["axis"] as? Int ?? -1, name: config.name)
    }
}
