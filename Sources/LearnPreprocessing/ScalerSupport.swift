import LearnCore

/// Checks shared by the scalers.
enum ScalerInput {
    /// `X` must have rows and only finite values.
    static func check(_ X: Matrix<Double>, _ operation: String) throws {
        guard X.rows > 0 && X.columns > 0 else { throw LearnError.emptyInput(operation: operation) }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
    }

    /// `X` must have the fitted number of columns.
    static func checkColumns(_ X: Matrix<Double>, _ expected: Int, _ operation: String) throws {
        guard X.columns == expected else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "\(expected) features (as seen in fit)", got: "\(X.columns)")
        }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
    }

    /// scikit-learn's `_handle_zeros_in_scale`: scales flagged in `constant` (or below 10·ε) become 1.
    static func handleZeros(_ scale: [Double], constant: [Bool]? = nil) -> [Double] {
        scale.indices.map { j in (constant?[j] ?? (scale[j] < 10 * Double.ulpOfOne)) ? 1 : scale[j] }
    }
}
