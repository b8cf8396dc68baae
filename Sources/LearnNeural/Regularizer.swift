import Foundation
import LearnCore

/// A weight penalty added to the training loss, Keras' `L1`, `L2` and `L1L2` regularisers:
/// `l1 · Σ|w| + l2 · Σw²`.
public enum Regularizer: Sendable, Equatable {
    /// `l1 · Σ|w|` (Keras' default factor 0.01).
    case l1(Double = 0.01)
    /// `l2 · Σw²` (Keras' default factor 0.01).
    case l2(Double = 0.01)
    /// Both penalties.
    case l1l2(l1: Double = 0, l2: Double = 0)

    /// Keras' `L2()`.
    public static var l2: Regularizer { .l2() }
    /// Keras' `L1()`.
    public static var l1: Regularizer { .l1() }

    /// The two factors.
    var factors: (l1: Float, l2: Float) {
        switch self {
        case let .l1(a): return (Float(a), 0)
        case let .l2(b): return (0, Float(b))
        case let .l1l2(a, b): return (Float(a), Float(b))
        }
    }

    /// The penalty of `count` values; adds its gradient into `gradients` when given.
    func penalty(_ values: UnsafePointer<Float>, count: Int, gradients: UnsafeMutablePointer<Float>?) -> Float {
        let (a, b) = factors
        let (absolute, squares) = Float.penaltySums(values, count: count, l1: a, l2: 2 * b, gradients: gradients)
        return a * absolute + b * squares
    }

    /// The regulariser's entry in Keras' `model_config`.
    var kerasConfig: [String: Any] {
        let (className, config): (String, [String: Any]) =
            switch self {
            case let .l1(a): ("L1", ["l1": a])
            case let .l2(b): ("L2", ["l2": b])
            case let .l1l2(a, b): ("L1L2", ["l1": a, "l2": b])
            }
        return ["module": "keras.regularizers", "class_name": className, "config": config, "registered_name": NSNull()]
    }

    /// The regulariser a Keras `model_config` entry describes (`nil` for none or an unknown class).
    init?(kerasConfig entry: Any?) {
        guard let entry = entry as? [String: Any], let config = entry["config"] as? [String: Any] else { return nil }
        let (a, b) = ((config["l1"] as? Double) ?? 0, (config["l2"] as? Double) ?? 0)
        switch entry["class_name"] as? String {
        case "L1": self = .l1(a)
        case "L2": self = .l2(b)
        case "L1L2": self = .l1l2(l1: a, l2: b)
        default: return nil
        }
    }
}
