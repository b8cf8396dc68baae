import LearnCore

/// `activation(x · kernel + bias)` over `rows` rows of `inputs` values, with the kernel `[inputs, units]`
/// followed by the bias `[units]` in the parameters: the whole of ``Dense``, and the product ``Conv2D`` runs
/// once its receptive fields are unrolled (im2col), so both layers share one forward, backward,
/// initialisation and penalty.
struct AffineMap {
    var inputs: Int, units: Int, useBias: Bool, activation: Activation

    /// The kernel's values; the bias starts here.
    var kernelCount: Int { inputs * units }

    /// Glorot-uniform kernel, `U(−l, l)` with `l = √(6 / (fanIn + fanOut))` (Keras' fans); zero bias.
    func initialize(
        _ parameters: UnsafeMutablePointer<Float>, fanIn: Int, fanOut: Int, using rng: inout RandomState
    ) {
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for i in 0..<kernelCount { parameters[i] = Float(-limit + 2 * limit * rng.randomSample()) }
        if useBias { (parameters + kernelCount).update(repeating: 0, count: units) }
    }

    /// `output = activation(input · kernel + bias)` through the core's sgemm; in training the pre-activations
    /// go to `preActivations` when the activation's derivative needs them (gelu).
    func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, rows: Int,
        parameters: UnsafePointer<Float>, preActivations: UnsafeMutablePointer<Float>, training: Bool
    ) {
        // The bias first, then the product added onto it (beta 1 spares OpenBLAS a pass zeroing the output).
        Self.fillRows(output, with: useBias ? parameters + kernelCount : nil, rows: rows, width: units)
        Float.gemm(
            transposeA: false, transposeB: false, m: rows, n: units, k: inputs, alpha: 1,
            a: input, lda: inputs, b: parameters, ldb: units, beta: useBias ? 1 : 0, c: output,
            ldc: units)
        if training && activation.backwardNeedsInput { preActivations.update(from: output, count: rows * units) }
        activation.forward(output, rows: rows, width: units)
    }

    /// ∂kernel += inputᵀ · δ, ∂bias += Σ δ and, when asked, ∂input = δ · kernelᵀ, where δ is ∂L/∂pre-activation
    /// (computed in place in `outputGradient`).
    func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, rows: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, preActivations: UnsafePointer<Float>
    ) {
        if activation != .linear {
            activation.backward(outputGradient, input: preActivations, output: output, rows: rows, width: units)
        }
        Float.gemm(
            transposeA: true, transposeB: false, m: inputs, n: units, k: rows, alpha: 1,
            a: input, lda: inputs, b: outputGradient, ldb: units, beta: 1, c: parameterGradients,
            ldc: units)
        if useBias {
            Float.columnSums(
                outputGradient, rows: rows, columns: units, into: parameterGradients + kernelCount, accumulate: true)
        }
        if let inputGradient {
            Float.gemm(
                transposeA: false, transposeB: true, m: rows, n: inputs, k: units, alpha: 1,
                a: outputGradient, lda: units, b: parameters, ldb: units, beta: 0, c: inputGradient,
                ldc: inputs)
        }
    }

    /// The kernel and bias penalties, their gradients added to `gradients` when given.
    func regularization(
        kernel: Regularizer?, bias: Regularizer?, parameters: UnsafePointer<Float>,
        gradients: UnsafeMutablePointer<Float>?
    ) -> Float {
        var total: Float = kernel?.penalty(parameters, count: kernelCount, gradients: gradients) ?? 0
        if useBias, let bias {
            total += bias.penalty(
                parameters + kernelCount, count: units, gradients: gradients.map { $0 + kernelCount })
        }
        return total
    }

    /// Copies `bias` into each of `rows` rows of `width` values (nothing without a bias).
    static func fillRows(_ output: UnsafeMutablePointer<Float>, with bias: UnsafePointer<Float>?, rows: Int, width: Int)
    {
        guard let bias else { return }
        for r in 0..<rows { (output + r &* width).update(from: bias, count: width) }
    }
}
