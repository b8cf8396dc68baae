import LearnCore

extension Sequential {
    /// The layer table Keras 3 prints for `model.summary()`: name (type), output shape, parameter count,
    /// and the totals. Needs a built network (after `fit` or `predict`).
    public func summary() throws -> String {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        let shapes = try activationShapes()
        var table = SummaryTable(
            widths: [33, 24, 15], rightAligned: [2], headers: ["Layer (type)", "Output Shape", "Param #"])
        for (index, layer) in layers.enumerated() {
            table.rows.append([
                ["\(layer.name) (\(layer.kerasClassName))"], [SummaryTable.shape(shapes[index + 1])],
                [SummaryTable.grouped(layer.parameterCount + layer.stateCount)]
            ])
        }
        return table.render(name: "sequential", parameters: parameters.count, states: states.count)
    }
}
