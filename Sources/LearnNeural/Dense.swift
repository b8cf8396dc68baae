import LearnCore

/// A fully connected layer `activation(x · kernel + bias)`, Keras' `Dense`: kernel `inputs × units`
/// (Keras order), glorot-uniform initialised; bias zero.
public struct Dense: Layer, Equatable {
    /// Output width.
    public var units: Int
    /// The activation applied to `x · kernel + bias`.
    public var activation: Activation
    /// Whether the layer adds a bias.
    public var useBias: Bool
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Input width, known after `build`.
    public private(set) var inputWidth = 0

    /// `Dense(1024, activation: .relu)`.
    public init(_ units: Int, activation: Activation = .linear, useBias: Bool = true, name: String = "") {
        (self.units, self.activation, self.useBias, self.name) = (units, activation, useBias, name)
    }

    /// `"Dense"`.
    public var kerasClassName: String { "Dense" }

    /// Flattened input width → `[units]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard units >= 1 else { throw LearnError.invalidParameter(name: "units", expected: "at least 1", got: "\(units)") }
        guard inputShape.count == 1, let width = inputShape.first, width >= 1 else {
            throw LearnError.shapeMismatch(operation: "Dense.build", expected: "a flat input (use Flatten first)", got: "\(inputShape)")
        }
        inputWidth = width
        return [units]
    }

    /// `inputs × units` kernel plus `units` biases.
    public var parameterCount: Int { inputWidth * units + (useBias ? units : 0) }

    /// The pre-activations, kept for the backward pass.
    public func scratchCount(batch: Int) -> Int { activation == .linear ? 0 : batch * units }

    /// Glorot-uniform kernel: `U(−l, l)`, `l = √(6 / (inputs + units))`; zero bias.
    public func initializeParameters(_ parameters: UnsafeMutablePointer<Float>, using rng: inout RandomState) {
        let limit = (6.0 / Double(inputWidth + units)).squareRoot()
        for i in 0..<(inputWidth * units) { parameters[i] = Float(-limit + 2 * limit * rng.randomSample()) }
        if useBias { for j in 0..<units { parameters[inputWidth * units + j] = 0 } }
    }

    /// `output = activation(input · kernel + bias)` through the core's sgemm.
    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int, parameters: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState) {
        Float.gemm(transposeA: false, transposeB: false, m: Int32(batch), n: Int32(units), k: Int32(inputWidth), alpha: 1,
                   a: input, lda: Int32(inputWidth), b: parameters, ldb: Int32(units), beta: 0, c: output, ldc: Int32(units))
        if useBias {
            let bias = parameters + inputWidth * units
            for r in 0..<batch { let row = output + r &* units; for j in 0..<units { row[j] += bias[j] } }
        }
        guard activation != .linear else { return }
        scratch.update(from: output, count: batch * units)
        activation.forward(output, rows: batch, width: units)
    }

    /// ∂kernel += inputᵀ · δ, ∂bias += Σ δ, ∂input = δ · kernelᵀ, where δ is ∂L/∂pre-activation.
    public func backward(_ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
                         inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
                         parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        if activation != .linear {
            activation.backward(outputGradient, input: UnsafePointer(scratch), output: output, rows: batch, width: units)
        }
        Float.gemm(transposeA: true, transposeB: false, m: Int32(inputWidth), n: Int32(units), k: Int32(batch), alpha: 1,
                   a: input, lda: Int32(inputWidth), b: outputGradient, ldb: Int32(units), beta: 1, c: parameterGradients, ldc: Int32(units))
        if useBias {
            let bias = parameterGradients + inputWidth * units
            for r in 0..<batch { let row = outputGradient + r &* units; for j in 0..<units { bias[j] += row[j] } }
        }
        if let inputGradient {
            Float.gemm(transposeA: false, transposeB: true, m: Int32(batch), n: Int32(inputWidth), k: Int32(units), alpha: 1,
                       a: outputGradient, lda: Int32(units), b: parameters, ldb: Int32(units), beta: 0, c: inputGradient,
                       ldc: Int32(inputWidth))
        }
    }

    /// `units`, `activation`, `use_bias` in Keras' spelling.
    public var kerasConfig: [String: ParameterValue] {
        ["units": .int(units), "activation": .string(activation.kerasName), "use_bias": .bool(useBias)]
    }
}

/// Inverted dropout, Keras' `Dropout`: in training each value is zeroed with probability `rate` and the
/// rest scaled by `1 / (1 − rate)`; at inference it passes values through unchanged.
public struct Dropout: Layer, Equatable {
    /// The fraction of values dropped in training, in [0, 1).
    public var rate: Double
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    private var width = 0

    /// `Dropout(0.5)`.
    public init(_ rate: Double, name: String = "") { (self.rate, self.name) = (rate, name) }

    /// `"Dropout"`.
    public var kerasClassName: String { "Dropout" }

    /// Any shape; output equals input.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard rate >= 0 && rate < 1 else { throw LearnError.invalidParameter(name: "rate", expected: "a number in [0, 1)", got: "\(rate)") }
        width = inputShape.reduce(1, *)
        return inputShape
    }

    /// None.
    public var parameterCount: Int { 0 }

    /// The scaled keep-mask of the last training batch.
    public func scratchCount(batch: Int) -> Int { batch * width }

    /// Nothing to initialise.
    public func initializeParameters(_ parameters: UnsafeMutablePointer<Float>, using rng: inout RandomState) {}

    /// Copies, masking and rescaling in training.
    public func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int, parameters: UnsafePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState) {
        let count = batch * width
        guard training && rate > 0 else {
            output.update(from: input, count: count)
            return
        }
        let scale = Float(1 / (1 - rate))
        for i in 0..<count {
            scratch[i] = rng.randomSample() >= rate ? scale : 0
            output[i] = input[i] * scratch[i]
        }
    }

    /// ∂input = ∂output ⊙ mask.
    public func backward(_ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
                         inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
                         parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        guard let inputGradient else { return }
        for i in 0..<(batch * width) { inputGradient[i] = outputGradient[i] * (rate > 0 ? scratch[i] : 1) }
    }

    /// `rate`.
    public var kerasConfig: [String: ParameterValue] { ["rate": .double(rate)] }
}
