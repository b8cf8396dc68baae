import Foundation
import LearnCore
import LearnHDF5

extension MultilayerPerceptron {
    /// `n_features_in`, `coefs_<i>` `[fanIn, fanOut]`, `intercepts_<i>`, `loss_curve`, `n_iter`.
    func writePerceptron(to group: HDF5Group) throws {
        guard let network, let inputs = network.inputShape?.first else {
            throw LearnError.notFitted(type: Self.estimatorName)
        }
        try group.write([Int64(inputs)], shape: [], to: "n_features_in")
        for (index, (kernel, bias)) in zip(coefs, intercepts).enumerated() {
            try group.write(kernel.scalars.map(Float.init), shape: kernel.shape, to: "coefs_\(index)")
            try group.write(bias.map(Float.init), shape: [bias.count], to: "intercepts_\(index)")
        }
        try group.write(lossCurve, shape: [lossCurve.count], to: "loss_curve")
        try group.write([Int64(nIter)], shape: [], to: "n_iter")
    }

    /// Rebuilds the network written by ``writePerceptron(to:)`` for these hyper-parameters and `outputs`
    /// output units, checking every shape.
    func readPerceptron(from group: HDF5Group, outputs: Int, outputActivation: Activation, loss: Loss) throws -> (
        Sequential, MLPTrainingLog
    ) {
        func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: group.file.path, reason: reason) }
        let storedInputs = try group.read(Int64.self, from: "n_features_in", shape: []).first ?? 0
        guard (1...Int64(Int32.max)).contains(storedInputs), !hiddenLayerSizes.isEmpty,
            hiddenLayerSizes.allSatisfy(Self.layerSizeRange.contains)
        else {
            throw corrupt("n_features_in \(storedInputs) or hiddenLayerSizes \(hiddenLayerSizes) out of range")
        }
        let inputs = Int(storedInputs)
        let sizes = try checkLayerSizes(inputs: inputs, outputs: outputs)
        let layers: [any Layer] =
            hiddenLayerSizes.map { Dense($0, activation: activation.activation) } + [
                Dense(outputs, activation: outputActivation)
            ]
        // Shapes and storage first: a small file must not make the loader allocate the network it declares.
        for index in 0..<(sizes.count - 1) {
            try group.validateDataset(Float.self, "coefs_\(index)", shape: [sizes[index], sizes[index + 1]])
            try group.validateDataset(Float.self, "intercepts_\(index)", shape: [sizes[index + 1]])
        }
        var network = Sequential(randomState: 0, layers: layers)
        try network.layOut(inputShape: [inputs])
        var parameters: [Float] = []
        parameters.reserveCapacity(network.laidOut.parameters)
        for index in 0..<(sizes.count - 1) {
            let kernel = try group.read(Float.self, from: "coefs_\(index)", shape: [sizes[index], sizes[index + 1]])
            let bias = try group.read(Float.self, from: "intercepts_\(index)", shape: [sizes[index + 1]])
            guard kernel.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite) else {
                throw corrupt("layer \(index) has non-finite weights")
            }
            parameters += kernel
            parameters += bias
        }
        // Dense layers keep no state: the read weights are the whole network (compile sizes Adam for them).
        network.parameters = parameters
        network.compile(optimizer: Adam(), loss: loss)
        var log = MLPTrainingLog()
        log.lossCurve = try group.read(Double.self, from: "loss_curve").values
        let iterations = try group.read(Int64.self, from: "n_iter", shape: []).first ?? 0
        guard (0...Int64(Int32.max)).contains(iterations) else { throw corrupt("n_iter \(iterations) out of range") }
        log.nIter = Int(iterations)
        return (network, log)
    }
}

extension MLPClassifier: PersistableEstimator {
    /// An unfitted classifier with scikit-learn's defaults.
    public init() { self.init(hiddenLayerSizes: [100]) }

    /// Whether `fit` has run.
    public var isFitted: Bool { network != nil }

    /// The classes and the network's weights.
    public func writeFitted(to group: HDF5Group) throws {
        try writePerceptron(to: group)
        try group.write(classes.map(Int64.init), shape: [classes.count], to: "classes")
    }

    /// Reads and checks what ``writeFitted(to:)`` wrote.
    public mutating func readFitted(from group: HDF5Group) throws {
        let labels = try group.read(Int64.self, from: "classes").values.map { Int($0) }
        guard labels.count >= 2, labels == Array(Set(labels)).sorted() else {
            throw LearnError.corruptFile(
                path: group.file.path, reason: "classes must be at least two distinct sorted labels, got \(labels)")
        }
        let binary = labels.count == 2
        (network, trainingLog) = try readPerceptron(
            from: group, outputs: binary ? 1 : labels.count, outputActivation: binary ? .sigmoid : .softmax,
            loss: binary ? .binaryCrossentropy : .sparseCategoricalCrossentropy)
        classes = labels
    }
}

extension MLPRegressor: PersistableEstimator {
    /// An unfitted regressor with scikit-learn's defaults.
    public init() { self.init(hiddenLayerSizes: [100]) }

    /// Whether `fit` has run.
    public var isFitted: Bool { network != nil }

    /// The network's weights.
    public func writeFitted(to group: HDF5Group) throws { try writePerceptron(to: group) }

    /// Reads and checks what ``writeFitted(to:)`` wrote.
    public mutating func readFitted(from group: HDF5Group) throws {
        (network, trainingLog) = try readPerceptron(
            from: group, outputs: 1, outputActivation: .linear, loss: .meanSquaredError)
    }
}
