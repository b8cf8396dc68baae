import LearnCore

extension Model {
    /// The layer table Keras 3 prints for a functional model's `model.summary()`: one row per input and per
    /// layer (a shared layer once) with its output shape, parameter count and what it is connected to
    /// (`layer[node][tensor]`, one line per input tensor, for every call of the layer), then the totals.
    ///
    /// ```swift
    /// let inputs = Input(shape: [6])
    /// let hidden = Dense(8, activation: .relu)(inputs)
    /// let added = Add()([Dense(8, activation: .relu)(hidden), hidden])
    /// let model = try Model(inputs: inputs, outputs: Dense(1, activation: .sigmoid)(added), randomState: 0)
    /// print(try model.summary())
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// Model: "functional"
    /// ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
    /// ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
    /// ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
    /// │ input_layer         │ (None, 6)         │          0 │ -                 │
    /// │ (InputLayer)        │                   │            │                   │
    /// ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
    /// │ dense (Dense)       │ (None, 8)         │         56 │ input_layer[0][0] │
    /// ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
    /// │ dense_1 (Dense)     │ (None, 8)         │         72 │ dense[0][0]       │
    /// ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
    /// │ add (Add)           │ (None, 8)         │          0 │ dense_1[0][0],    │
    /// │                     │                   │            │ dense[0][0]       │
    /// ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
    /// │ dense_2 (Dense)     │ (None, 1)         │          9 │ add[0][0]         │
    /// └─────────────────────┴───────────────────┴────────────┴───────────────────┘
    ///  Total params: 137 (548.00 B)
    ///  Trainable params: 137 (548.00 B)
    ///  Non-trainable params: 0 (0.00 B)
    /// ```
    public func summary() throws -> String {
        let producers = plan.producers()
        func source(_ tensor: Int) -> String {
            guard let made = producers[tensor] else { return "\(inputNames[tensor])[0][0]" }
            return "\(layers[made.layer].name)[\(made.call)][0]"
        }
        var table = SummaryTable(
            widths: [21, 19, 12, 19], rightAligned: [2],
            headers: ["Layer (type)", "Output Shape", "Param #", "Connected to"])
        for (index, input) in inputNames.enumerated() {
            table.rows.append([
                ["\(input) (InputLayer)"], [SummaryTable.shape(plan.shapes[plan.inputs[index]])], ["0"], ["-"]
            ])
        }
        var callsByLayer = [[ExecutionPlan.Step]](repeating: [], count: layers.count) // one pass, not one per layer
        for step in plan.steps { callsByLayer[step.layer].append(step) }
        for (index, layer) in layers.enumerated() {
            let calls = callsByLayer[index]
            let sources = calls.flatMap { $0.inputs.map(source) }
            table.rows.append([
                ["\(layer.name) (\(layer.kerasClassName))"],
                [SummaryTable.shape(calls.first.map { plan.shapes[$0.output] } ?? [])],
                [SummaryTable.grouped(layer.parameterCount + layer.stateCount)],
                sources.enumerated().map { $0 < sources.count - 1 ? $1 + "," : $1 }
            ])
        }
        return table.render(name: name, parameters: parameters.count, states: states.count)
    }
}
