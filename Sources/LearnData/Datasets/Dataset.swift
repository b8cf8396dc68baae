import LearnCore

/// A bundled real dataset, as scikit-learn's `load_*()` Bunch: the samples, their class labels,
/// and the names of both.
public struct Dataset: Sendable {
    /// The samples, one row each (`data` in scikit-learn).
    public let data: Matrix<Double>
    /// Each sample's class, `0..<targetNames.count`.
    public let target: [Int]
    /// One name per column of ``data``.
    public let featureNames: [String]
    /// One name per class.
    public let targetNames: [String]
    /// For image datasets (digits), the samples as `[n, height, width]`; `nil` otherwise.
    public let images: Tensor<Double>?
    /// Where the data comes from and its licence.
    public let source: String

    /// `(data, target)`, as `return_X_y=True`.
    public var xy: (X: Matrix<Double>, y: [Int]) { (data, target) }
}
