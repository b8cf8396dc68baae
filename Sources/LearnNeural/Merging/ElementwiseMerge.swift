import LearnCore

/// The elementwise merges Keras offers, one rule for forward and backward each.
public enum MergeOperation: Sendable, Equatable {
    /// `a + b + …`
    case add
    /// `a − b` (exactly two inputs).
    case subtract
    /// `a · b · …`
    case multiply
    /// `(a + b + …) / n`
    case average
    /// The largest input (its gradient goes to the first input that holds it, as TensorFlow's).
    case maximum
    /// The smallest input (ties as ``maximum``).
    case minimum
}

/// A merge layer that combines same-shaped inputs element by element: ``Add``, ``Subtract``, ``Multiply``,
/// ``Average``, ``Maximum``, ``Minimum``. The forward and backward passes are written once, here.
public protocol ElementwiseMergeLayer: MultiInputLayer {
    /// What the layer computes.
    var operation: MergeOperation { get }
    /// Values per sample, known after `build`.
    var width: Int { get set }
    /// The layer named `name` (empty: assigned by the model).
    init(name: String)
}

extension ElementwiseMergeLayer {
    /// Every input must have the same shape (Keras' merges also broadcast size-1 axes; SwiftLearn does not).
    public mutating func build(inputShapes: [[Int]]) throws -> [Int] {
        let operation = "\(kerasClassName) \(name)"
        guard inputShapes.count >= 2, self.operation != .subtract || inputShapes.count == 2 else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: self.operation == .subtract ? "exactly 2 inputs" : "at least 2 inputs",
                got: "\(inputShapes.count)")
        }
        guard let first = inputShapes.first, inputShapes.allSatisfy({ $0 == first }) else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "inputs of one shape",
                got: inputShapes.map { "\($0)" }.joined(separator: ", "))
        }
        width = first.reduce(1, *)
        return first
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// The layer a Keras `model_config` entry describes: merges have no settings beyond their name.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Self { Self(name: config.name) }

    /// Only the name, trainable flag and dtype, which the network writes.
    public var kerasConfig: [String: Any] { [:] }

    /// The merged values.
    public func forward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>, state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        training: Bool, rng: inout RandomState
    ) {
        let count = batch &* width
        output.update(from: inputs[0], count: count)
        for k in 1..<inputs.count {
            let x = inputs[k]
            switch operation {
            case .add, .average: Float.axpy(n: count, alpha: 1, x: x, y: output)
            case .subtract: Float.axpy(n: count, alpha: -1, x: x, y: output)
            case .multiply: for i in 0..<count { output[i] *= x[i] }
            case .maximum: for i in 0..<count { output[i] = Swift.max(output[i], x[i]) }
            case .minimum: for i in 0..<count { output[i] = Swift.min(output[i], x[i]) }
            }
        }
        if operation == .average { Float.scal(n: count, alpha: 1 / Float(inputs.count), x: output) }
    }

    /// ∂L/∂input k: the output gradient (add), negated for the second input (subtract), times the other
    /// inputs (multiply), divided by n (average), or routed to the first input that holds the extreme.
    public func backward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafePointer<Float>,
        outputGradient: UnsafeMutablePointer<Float>, inputGradients: UnsafeBufferPointer<UnsafeMutablePointer<Float>?>,
        batch: Int, parameters: UnsafePointer<Float>, parameterGradients: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let count = batch &* width
        for (k, gradient) in inputGradients.enumerated() {
            guard let gradient else { continue }
            switch operation {
            case .add, .subtract, .average:
                gradient.update(from: outputGradient, count: count)
                if operation == .subtract && k == 1 { Float.scal(n: count, alpha: -1, x: gradient) }
                if operation == .average { Float.scal(n: count, alpha: 1 / Float(inputs.count), x: gradient) }
            case .multiply:
                gradient.update(from: outputGradient, count: count)
                for j in 0..<inputs.count where j != k {
                    let x = inputs[j]
                    for i in 0..<count { gradient[i] *= x[i] }
                }
            case .maximum, .minimum:
                for i in 0..<count { gradient[i] = holder(of: i, inputs) == k ? outputGradient[i] : 0 }
            }
        }
    }

    /// The first input holding the maximum (or minimum) at element `i`.
    private func holder(of i: Int, _ inputs: UnsafeBufferPointer<UnsafePointer<Float>>) -> Int {
        var best = 0
        for k in 1..<inputs.count {
            let better = operation == .maximum ? inputs[k][i] > inputs[best][i] : inputs[k][i] < inputs[best][i]
            if better { best = k }
        }
        return best
    }
}

/// The sum of its inputs, Keras' `Add`: `Add()([x, skip])` makes a residual connection.
public struct Add: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Add()`.
    public init(name: String = "") { self.name = name }
    /// `"Add"`.
    public static let kerasClass = "Add"
    /// ``MergeOperation/add``.
    public var operation: MergeOperation { .add }
}

/// The first input minus the second, Keras' `Subtract`.
public struct Subtract: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Subtract()`.
    public init(name: String = "") { self.name = name }
    /// `"Subtract"`.
    public static let kerasClass = "Subtract"
    /// ``MergeOperation/subtract``.
    public var operation: MergeOperation { .subtract }
}

/// The elementwise product of its inputs, Keras' `Multiply` (gating).
public struct Multiply: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Multiply()`.
    public init(name: String = "") { self.name = name }
    /// `"Multiply"`.
    public static let kerasClass = "Multiply"
    /// ``MergeOperation/multiply``.
    public var operation: MergeOperation { .multiply }
}

/// The mean of its inputs, Keras' `Average`.
public struct Average: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Average()`.
    public init(name: String = "") { self.name = name }
    /// `"Average"`.
    public static let kerasClass = "Average"
    /// ``MergeOperation/average``.
    public var operation: MergeOperation { .average }
}

/// The elementwise maximum of its inputs, Keras' `Maximum`.
public struct Maximum: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Maximum()`.
    public init(name: String = "") { self.name = name }
    /// `"Maximum"`.
    public static let kerasClass = "Maximum"
    /// ``MergeOperation/maximum``.
    public var operation: MergeOperation { .maximum }
}

/// The elementwise minimum of its inputs, Keras' `Minimum`.
public struct Minimum: ElementwiseMergeLayer, KerasLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per sample, known after `build`.
    public var width = 0
    /// `Minimum()`.
    public init(name: String = "") { self.name = name }
    /// `"Minimum"`.
    public static let kerasClass = "Minimum"
    /// ``MergeOperation/minimum``.
    public var operation: MergeOperation { .minimum }
}
