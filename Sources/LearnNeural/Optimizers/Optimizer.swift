import Foundation
import LearnCore

/// A gradient-descent rule that updates a network's contiguous parameter buffer in one pass, with
/// Keras' names, defaults and per-variable state ("slots": Adam's `momentum` and `velocity`, …).
///
/// Call ``step(_:gradients:count:decayed:)``: it applies decoupled weight decay first (Keras:
/// `w −= w · weightDecay · learningRate`), then the rule's ``update(_:gradients:count:step:)``.
public protocol Optimizer: Sendable {
    /// The step size.
    var learningRate: Double { get set }
    /// Decoupled weight decay applied before each update (`nil` = none), as Keras' `weight_decay`.
    var weightDecay: Double? { get set }
    /// Parts of weight names (`bias`, `dense_1/kernel`) that weight decay skips; see
    /// ``excludeFromWeightDecay(varNames:)``.
    var weightDecayExclusions: [String] { get set }
    /// Updates applied so far (Keras' `iterations`).
    var iterations: Int { get set }
    /// Keras' class name (`Adam`, `SGD`, `RMSprop`, `Adagrad`).
    var kerasClassName: String { get }
    /// Keras' variable prefix in `optimizer_weights` (`adam`, `sgd`, `rm_sprop`, `adagrad`).
    var kerasName: String { get }
    /// Slot names per variable, grouped as Keras creates (and saves) them: each inner list is created
    /// together for every variable, e.g. Adam's `[["momentum", "velocity"], ["velocity_hat"]]`.
    var slotGroups: [[String]] { get }
    /// A slot's values for all parameters (`nil` for an unknown name).
    func slot(_ name: String) -> [Float]?
    /// Replaces a slot's values (after ``prepare(parameterCount:)``).
    /// - Throws: `LearnError` for an unknown slot or a wrong length.
    mutating func setSlot(_ name: String, to values: [Float]) throws
    /// Sizes the optimizer's state for `count` parameters (state and iterations are reset).
    mutating func prepare(parameterCount count: Int)
    /// The rule itself for update number `step` (1-based).
    mutating func update(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int, step: Int)
    /// The optimizer's own keys in Keras' `optimizer_config` (beside the common ones).
    var kerasConfig: [String: Any] { get }
}

extension Optimizer {
    /// Keras' `exclude_from_weight_decay(var_names=…)`: weights whose name (`layer/weight`, as
    /// `weightNames()` lists them) contains one of `varNames` are not decayed.
    ///
    /// ```swift
    /// var adam = Adam(learningRate: 0.01, weightDecay: 0.004)
    /// adam.excludeFromWeightDecay(varNames: ["bias", "batch_normalization"])
    /// print(adam.weightDecayExclusions)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// ["bias", "batch_normalization"]
    /// ```
    public mutating func excludeFromWeightDecay(varNames: [String]) { weightDecayExclusions += varNames }

    /// One update of all `count` parameters from their gradients: weight decay (over `decayed`, ranges of
    /// the buffer, or all of it), then the rule.
    public mutating func step(
        _ parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, count: Int,
        decayed: [Range<Int>]? = nil
    ) {
        if let weightDecay, weightDecay != 0 {
            let factor = Float(weightDecay) * Float(learningRate)
            for range in decayed ?? [0..<count] {
                Float.scal(n: range.count, alpha: 1 - factor, x: parameters + range.lowerBound) // w − w·factor
            }
        }
        update(parameters, gradients: gradients, count: count, step: iterations + 1)
        iterations += 1
    }

    /// Replaces `slot` with `values` when the lengths agree, else throws the error naming the slot.
    func replace(_ slot: inout [Float], named name: String, with values: [Float]) throws {
        guard values.count == slot.count else {
            throw LearnError.shapeMismatch(
                operation: "\(kerasClassName) slot \(name)", expected: "\(slot.count) values", got: "\(values.count)")
        }
        slot = values
    }

    /// The error for a slot this optimizer does not have.
    func unknownSlot(_ name: String) -> LearnError {
        .invalidParameter(name: "slot", expected: "one of " + slotGroups.joined().joined(separator: ", "), got: name)
    }
}
