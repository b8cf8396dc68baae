import Foundation
import LearnCore

/// Adagrad with Keras' defaults (`learningRate` 0.001, `initialAccumulatorValue` 0.1, `epsilon` 1e-7) and
/// Keras' update: `a += g²`, `w −= lr · g / √(a + ε)`.
public struct Adagrad: Optimizer, Equatable {
    /// The step size.
    public var learningRate: Double
    /// The accumulator's starting value.
    public var initialAccumulatorValue: Double
    /// Added under the square root.
    public var epsilon: Double
    /// Decoupled weight decay (`nil` = none).
    public var weightDecay: Double?
    /// Parts of weight names weight decay skips (``excludeFromWeightDecay(varNames:)``).
    public var weightDecayExclusions: [String] = []
    /// Steps taken.
    public var iterations = 0
    private var accumulator: [Float] = []

    /// `Adagrad(learningRate: 0.01)`.
    public init(
        learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7,
        weightDecay: Double? = nil
    ) {
        (self.learningRate, self.initialAccumulatorValue, self.epsilon, self.weightDecay) = (
            learningRate, initialAccumulatorValue, epsilon, weightDecay
        )
    }

    /// `"Adagrad"`.
    public static let kerasClass = "Adagrad"
    /// `"adagrad"`.
    public var kerasName: String { "adagrad" }
    /// `accumulator` per variable.
    public var slotGroups: [[String]] { [["accumulator"]] }

    /// The `accumulator` slot.
    public func slot(_ name: String) -> [Float]? { name == "accumulator" ? accumulator : nil }

    /// Replaces the `accumulator` slot.
    public mutating func setSlot(_ name: String, to values: [Float]) throws {
        guard name == "accumulator" else { throw unknownSlot(name) }
        try replace(&accumulator, named: name, with: values)
    }

    /// Accumulators at their initial value for `count` parameters.
    public mutating func prepare(parameterCount count: Int) {
        (accumulator, iterations) = ([Float](repeating: Float(initialAccumulatorValue), count: count), 0)
    }

    /// One Adagrad step over the whole buffer.
    public mutating func update(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int
    ) {
        if accumulator.count != count { prepare(parameterCount: count) }
        let (lr, eps) = (Float(learningRate), Float(epsilon))
        accumulator.withUnsafeMutableBufferPointer { a in
            for i in 0..<count {
                let g = gradients[i]
                a[i] += g * g
                parameters[i] -= lr * g / (a[i] + eps).squareRoot()
            }
        }
    }

    /// `initial_accumulator_value`, `epsilon`.
    public var kerasConfig: [String: Any] { ["initial_accumulator_value": initialAccumulatorValue, "epsilon": epsilon] }
}

extension Adagrad: KerasOptimizer {
    /// The optimizer a Keras `optimizer_config` describes (Keras' defaults for absent settings).
    public static func fromKeras(_ settings: [String: Any]) -> Adagrad {
        let (rate, decay, value) = kerasCommon(settings)
        return Adagrad(
            learningRate: rate ?? 0.001, initialAccumulatorValue: value("initial_accumulator_value", 0.1),
            epsilon: value("epsilon", 1e-7), weightDecay: decay)
    }
}
