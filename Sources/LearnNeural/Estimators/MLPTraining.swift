import Foundation
import LearnCore
import LearnSelection

/// What training a multilayer perceptron records (scikit-learn's fitted attributes besides the weights).
public struct MLPTrainingLog: Sendable, Equatable {
    /// Epochs run (`n_iter_`).
    public internal(set) var nIter = 0
    /// The training loss of each epoch, penalty included (`loss_curve_`).
    public internal(set) var lossCurve: [Double] = []
    /// The lowest training loss (`best_loss_`), `nil` with early stopping.
    public internal(set) var bestLoss: Double?
    /// The validation score (accuracy or R²) of each epoch with early stopping (`validation_scores_`).
    public internal(set) var validationScores: [Double] = []
    /// The best validation score (`best_validation_score_`).
    public internal(set) var bestValidationScore: Double?
    /// Set when training stopped at `maxIter` before converging (scikit-learn's `ConvergenceWarning`).
    public internal(set) var convergenceWarning: String?
}

/// The problem a perceptron is trained on: targets and output layer.
struct MLPProblem {
    /// `rows × outputs` targets (probabilities, class indices for softmax, or values).
    let targets: [Float]
    let outputs: Int
    let outputActivation: Activation
    let loss: Loss
    /// 0.5 for scikit-learn's squared loss (`mean((y − p)²) / 2`), else 1.
    let lossScale: Float
    /// The early-stopping split's strata (class labels) or `nil`.
    let strata: [Int]?
    /// The early-stopping score of `network` on rows `validation` (accuracy or R²).
    let score: (Sequential, [Int]) throws -> Double
}

extension MultilayerPerceptron {
    /// Mini-batch training as scikit-learn's `_fit_stochastic`: scikit-learn's initialisation (uniform
    /// in ±√(6 / (fan-in + fan-out)), ±√(2 / …) for logistic, biases too), one shuffle per epoch, the
    /// L2 penalty `alpha / 2 · Σ‖W‖² / batch`, and stopping after `nIterNoChange` epochs without a
    /// `tol` improvement of the training loss (or of the validation score with `earlyStopping`).
    func trainPerceptron(_ X: Matrix<Double>, _ problem: MLPProblem) throws -> (Sequential, MLPTrainingLog) {
        try validateSettings()
        var rng = try RandomState.from(randomState)
        let sizes = try checkLayerSizes(inputs: X.columns, outputs: problem.outputs)
        let layers: [any Layer] =
            hiddenLayerSizes.map { Dense($0, activation: activation.activation) }
            + [Dense(problem.outputs, activation: problem.outputActivation)]
        var network = Sequential(randomState: randomState, layers: layers)
        try network.build(inputShape: [X.columns])
        let factor = activation == .logistic ? 2.0 : 6.0
        var parameters: [Float] = []
        for (fanIn, fanOut) in zip(sizes, sizes.dropFirst()) {
            let bound = (factor / Double(fanIn + fanOut)).squareRoot()
            parameters += try rng.uniform(low: -bound, high: bound, count: fanIn * fanOut).map(Float.init)
            parameters += try rng.uniform(low: -bound, high: bound, count: fanOut).map(Float.init)
        }
        network.parameters = parameters
        if solver == .adam {
            network.compile(
                optimizer: Adam(learningRate: learningRateInit, beta1: beta1, beta2: beta2, epsilon: epsilon),
                loss: problem.loss)
        } else {
            network.compile(
                optimizer: SGD(learningRate: learningRateInit, momentum: momentum, nesterov: nesterovsMomentum),
                loss: problem.loss)
        }
        var rows = Array(0..<X.rows)
        var validationRows: [Int] = []
        if earlyStopping {
            // scikit-learn splits with the estimator's own stream, after the initial weights.
            (rows, validationRows) = try trainTestSplitIndices(
                nSamples: X.rows, testSize: .fraction(validationFraction),
                stratify: problem.strata, using: &rng)
        }
        return try runEpochs(
            X, problem, network: network, rows: rows, validationRows: validationRows, rng: &rng)
    }

    private func runEpochs(
        _ X: Matrix<Double>, _ problem: MLPProblem, network: Sequential, rows: [Int],
        validationRows: [Int], rng: inout RandomState
    ) throws -> (Sequential, MLPTrainingLog) {
        var network = network
        var fit = MLPTrainingLog()
        let batch = Swift.min(batchSize ?? 200, rows.count)
        let targetWidth = problem.loss.targetWidth(predictionWidth: problem.outputs)
        let data = TrainingData([X], targets: [problem.targets], targetWidths: [targetWidth], sampleWeight: nil)
        // scikit-learn's squared loss is half Keras' (a loss weight of 0.5); its L2 penalty, alpha / 2 · Σ‖W‖²
        // over the batch, covers the kernels only and runs as the trainer's gradient hook.
        var trainer = try Trainer(
            network: network, batch: batch, losses: [problem.loss], lossWeights: [problem.lossScale])
        trainer.gradientHook = Self.l2Penalty(
            alpha: alpha, kernels: network.weightLocations().filter { $0.weight.name == "kernel" }.map(\.range))
        var order = rows
        var (bestLoss, bestScore, noImprovement) = (Double.infinity, -Double.infinity, 0)
        var bestParameters = network.parameters
        var stopped = false
        for epoch in 1...maxIter {
            if shuffle { rng.shuffle(&order) }
            var accumulated = 0.0, start = 0
            while start < order.count {
                let count = Swift.min(batch, order.count - start)
                let batchOrder = order[start..<(start + count)]
                trainer.load(data, order: batchOrder)
                let loss = try trainer.trainBatch(&network, rows: count, weighted: false).total
                guard loss.isFinite else {
                    throw LearnError.invalidParameter(
                        name: "loss", expected: "a finite loss (lower learningRateInit or scale the data)",
                        got: "\(loss) at epoch \(epoch)")
                }
                accumulated += loss * Double(count)
                start += count
            }
            let epochLoss = accumulated / Double(order.count)
            fit.nIter = epoch
            fit.lossCurve.append(epochLoss)
            if earlyStopping {
                let score = try problem.score(network, validationRows)
                fit.validationScores.append(score)
                noImprovement = score < bestScore + tol ? noImprovement + 1 : 0
                if score > bestScore { (bestScore, bestParameters) = (score, network.parameters) }
            } else {
                noImprovement = epochLoss > bestLoss - tol ? noImprovement + 1 : 0
                bestLoss = Swift.min(bestLoss, epochLoss)
            }
            if noImprovement > nIterNoChange {
                stopped = true
                break
            }
        }
        if earlyStopping {
            network.parameters = bestParameters
            fit.bestValidationScore = bestScore
        } else {
            fit.bestLoss = bestLoss
        }
        if !stopped {
            let message =
                "Stochastic Optimizer: Maximum iterations (\(maxIter)) reached and the optimization hasn't converged yet."
            fit.convergenceWarning = message
            LearnWarning.emit(message)
        }
        return (network, fit)
    }

    /// scikit-learn's L2 penalty as a gradient hook: adds `alpha / rows · W` to the kernels' gradients and
    /// returns `alpha / 2 · Σ‖W‖² / rows`.
    private static func l2Penalty(alpha: Double, kernels: [Range<Int>]) -> GradientHook {
        { p, g, rows in
            let decay = Float(alpha) / Float(rows)
            var squares: Float = 0
            for range in kernels {
                squares +=
                    Float.penaltySums(
                        p.baseAddress! + range.lowerBound, count: range.count, l1: 0, l2: decay,
                        gradients: g.baseAddress! + range.lowerBound
                    ).squares
            }
            return 0.5 * alpha * Double(squares) / Double(rows)
        }
    }
}
