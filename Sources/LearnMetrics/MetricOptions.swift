/// How per-class scores combine into one number (scikit-learn's `average=`).
public enum Average: String, Sendable, CaseIterable {
    /// Only the positive class (`posLabel`); binary problems only.
    case binary
    /// Global counts of true positives, false negatives and false positives.
    case micro
    /// The unweighted mean of the per-class scores.
    case macro
    /// The mean of the per-class scores weighted by each class's support.
    case weighted
}

/// What a score is when its denominator is zero (scikit-learn's `zero_division=`).
public enum ZeroDivision: Sendable, Equatable {
    /// scikit-learn's default: 0 (scikit-learn also warns; SwiftLearn cannot, so this equals `.zero`).
    case warn
    /// 0.
    case zero
    /// 1.
    case one
    /// NaN, left out of averages.
    case nan

    var value: Double {
        switch self {
        case .warn, .zero: return 0
        case .one: return 1
        case .nan: return .nan
        }
    }
}

/// How a confusion matrix is normalised (scikit-learn's `normalize=`).
public enum ConfusionNormalization: String, Sendable, CaseIterable {
    /// Each row (true class) sums to 1.
    case `true`
    /// Each column (predicted class) sums to 1.
    case pred
    /// The whole matrix sums to 1.
    case all
}

/// A label type the classification metrics accept: integers, strings, anything hashable and ordered.
public typealias ClassLabel = Hashable & Comparable & Sendable
