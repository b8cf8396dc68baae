import Foundation
import LearnCore

/// Input checks and network output shared by the perceptron estimators.
enum MLPData {
    /// Non-empty, finite `X` with one row per target.
    static func check(_ X: Matrix<Double>, count: Int, _ operation: String) throws {
        guard X.rows > 0, X.columns > 0 else { throw LearnError.emptyInput(operation: operation) }
        guard X.rows == count else {
            throw LearnError.shapeMismatch(operation: operation, expected: "y with \(X.rows) values", got: "\(count)")
        }
        guard X.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
    }

    /// The trained network's outputs for `X`.
    static func output(of network: Sequential?, _ X: Matrix<Double>, _ name: String) throws -> Matrix<Double> {
        guard let network else { throw LearnError.notFitted(type: name) }
        return try network.predict(X, batchSize: 256)
    }
}

extension MultilayerPerceptron {
    /// Each layer's weight matrix `[fanIn, fanOut]` (scikit-learn's `coefs_`); empty before `fit`.
    public var coefs: [Matrix<Double>] {
        guard let network else { return [] }
        return network.weightLocations().filter { $0.weight.name == "kernel" }.compactMap { location in
            try? Matrix(
                rows: location.weight.shape[0], columns: location.weight.shape[1],
                scalars: network.values(at: location).map(Double.init))
        }
    }
    /// Each layer's biases (`intercepts_`); empty before `fit`.
    public var intercepts: [[Double]] {
        network.map { network in
            network.weightLocations().filter { $0.weight.name == "bias" }.map {
                network.values(at: $0).map(Double.init)
            }
        } ?? []
    }
    /// Epochs run (`n_iter_`).
    public var nIter: Int { trainingLog?.nIter ?? 0 }
    /// The training loss per epoch (`loss_curve_`).
    public var lossCurve: [Double] { trainingLog?.lossCurve ?? [] }
    /// The last epoch's training loss (`loss_`).
    public var loss: Double? { trainingLog?.lossCurve.last }
    /// Set when training stopped at `maxIter` before converging (scikit-learn's `ConvergenceWarning`).
    public var convergenceWarning: String? { trainingLog?.convergenceWarning }
    /// Features seen in `fit` (`n_features_in_`).
    public var nFeaturesIn: Int? { network?.inputShape?.first }
}
