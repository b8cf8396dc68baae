import LearnCore
import LearnNeural

/// The Swift builds of the Keras functional golden models (`Resources/keras_functional/README.md`), with
/// the loss and optimizer each was compiled with.
enum KerasFunctionalModels {
    /// The graph of golden model `name`, its layers named as Keras named them in a fresh session.
    static func model(_ name: String) throws -> Model {
        switch name {
        case "residual_mlp":
            let inputs = Input(shape: [6])
            let skip = Dense(8, activation: .relu)(inputs)
            let x = Add()([Dense(8, activation: .relu)(skip), skip])
            return try Model(inputs: inputs, outputs: Dense(1, activation: .sigmoid)(x), randomState: 0)
        case "two_branch":
            let (a, b) = (Input(shape: [4]), Input(shape: [3]))
            let h = Concatenate()([Dense(5, activation: .relu)(a), Dense(4, activation: .tanh)(b)])
            return try Model(inputs: [a, b], outputs: [Dense(3, activation: .softmax)(h)], randomState: 0)
        case "shared_layer":
            let (a, b) = (Input(shape: [5]), Input(shape: [5]))
            let shared = Dense(4, activation: .tanh)
            let (ha, hb) = (shared(a), shared(b))
            let h = Concatenate()([Subtract()([ha, hb]), Multiply()([ha, hb])])
            return try Model(inputs: [a, b], outputs: [Dense(1)(h)], randomState: 0)
        case "merge_zoo":
            let inputs = Input(shape: [5])
            let (p, q) = (Dense(4)(inputs), Dense(4, activation: .tanh)(inputs))
            let merged = [
                Average()([p, q]), Maximum()([p, q]), Minimum()([p, q]), Multiply()([p, q]), Subtract()([p, q]),
                Dot(axes: 1)([p, q])
            ]
            return try Model(inputs: inputs, outputs: Dense(1)(Concatenate()(merged)), randomState: 0)
        case "multi_output":
            let inputs = Input(shape: [6])
            let h = Dense(8, activation: .relu)(inputs)
            return try Model(
                inputs: [inputs], outputs: [Dense(1, activation: .sigmoid, name: "cls")(h), Dense(2, name: "reg")(h)],
                randomState: 0)
        case "residual_cnn":
            let inputs = Input(shape: [8, 8, 1])
            let c1 = Conv2D(4, kernelSize: 3, padding: .same)(inputs)
            var x = ActivationLayer(.relu)(BatchNormalization()(c1))
            x = Add()([Conv2D(4, kernelSize: 3, padding: .same)(x), c1])
            return try Model(
                inputs: inputs, outputs: Dense(2, activation: .softmax)(GlobalAveragePooling2D()(x)), randomState: 0)
        default:
            fatalError("no Swift build of golden model \(name)")
        }
    }

    /// `model` compiled as Keras compiled golden model `name` (the optimizers' float32 rates as Keras kept them).
    static func compile(_ model: inout Model, _ name: String) throws {
        switch name {
        case "residual_mlp":
            try model.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy, metrics: [.accuracy])
        case "two_branch":
            try model.compile(
                optimizer: SGD(learningRate: 0.1, momentum: 0.9), loss: .sparseCategoricalCrossentropy,
                metrics: [.accuracy])
        case "shared_layer":
            try model.compile(optimizer: Adam(learningRate: 0.01), loss: .meanSquaredError)
        case "merge_zoo":
            try model.compile(optimizer: SGD(learningRate: 0.02, momentum: 0.9), loss: .meanSquaredError)
        case "multi_output":
            try model.compile(
                optimizer: Adam(learningRate: 0.01), loss: ["cls": .binaryCrossentropy, "reg": .meanSquaredError],
                lossWeights: ["cls": 1, "reg": 0.5])
        case "residual_cnn":
            try model.compile(
                optimizer: Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        default:
            fatalError("no compile settings for golden model \(name)")
        }
    }
}
