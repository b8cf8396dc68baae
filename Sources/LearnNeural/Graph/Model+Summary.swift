import LearnCore

extension Model {
    /// The layer table Keras 3 prints for a functional model's `model.summary()`: one row per input and per
    /// layer (a shared layer once, with its first call's output shape) with its output shape, parameter
    /// count and what it is connected to (`layer[node][tensor]` for every input of every call of the layer),
    /// then the totals, as Keras lays them out on an 80-column console. A chain of layers (one input, no
    /// branch, no shared layer) gets Keras' three-column table, without "Connected to".
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
        // Keras drops the "Connected to" column for a chain: one input, each node reading the one before it,
        // no layer called twice.
        let chain =
            plan.inputs.count == 1 && plan.steps.count == layers.count
            && plan.steps.enumerated().allSatisfy {
                $1.inputs == [$0 == 0 ? plan.inputs[0] : plan.steps[$0 - 1].output]
            }
        var table =
            chain
            ? SummaryTable(
                widths: [33, 24, 15], rightAligned: [2], headers: ["Layer (type)", "Output Shape", "Param #"])
            : SummaryTable(
                widths: [21, 19, 12, 19], rightAligned: [2],
                headers: ["Layer (type)", "Output Shape", "Param #", "Connected to"])
        for (index, input) in inputNames.enumerated() {
            let row = [["\(input) (InputLayer)"], [SummaryTable.shape(plan.shapes[plan.inputs[index]])], ["0"], ["-"]]
            table.rows.append(Array(row.prefix(table.headers.count)))
        }
        var callsByLayer = [[ExecutionPlan.Step]](repeating: [], count: layers.count) // one pass, not one per layer
        for step in plan.steps { callsByLayer[step.layer].append(step) }
        for (index, layer) in layers.enumerated() {
            let calls = callsByLayer[index]
            let row = [
                ["\(layer.name) (\(layer.kerasClassName))"],
                [SummaryTable.shape(calls.first.map { plan.shapes[$0.output] } ?? [])],
                [SummaryTable.grouped(layer.parameterCount + layer.stateCount)],
                [calls.flatMap { $0.inputs.map(source) }.joined(separator: ", ")]
            ]
            table.rows.append(Array(row.prefix(table.headers.count)))
        }
        return table.render(name: name, parameters: parameters.count, states: states.count)
    }
}
