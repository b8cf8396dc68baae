import LearnCore

/// Keras' `add` and `pop`: change the end of a network while keeping the weights of the layers that stay —
/// how a trained network gets a new head.
extension Sequential {
    /// Appends `layer` (Keras' `model.add`). A built network stays built: the layers before keep their
    /// weights (and frozen state) and the new layer is initialised as Keras does. Call `compile` again
    /// before training, as after any change of the layers.
    ///
    /// ```swift
    /// var net = Sequential(randomState: 0) { Dense(4, activation: .relu); Dense(1) }
    /// try net.build(inputShape: [3])
    /// let base = try net.weight(named: "dense/kernel")
    /// net.pop()
    /// try net.add(Dense(2, activation: .softmax))
    /// print(net.layers.map(\.name), try net.weight(named: "dense/kernel") == base)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// ["dense", "dense_1"] true
    /// ```
    /// - Throws: `LearnError` when the layer does not fit the last layer's output; the network is unchanged.
    public mutating func add(_ layer: any Layer) throws {
        var changed = self
        changed.layers.append(layer)
        changed.nameLayers()
        try changed.rebuildKeepingWeights(of: self)
        self = changed
    }

    /// Removes the last layer (Keras' `model.pop`); the others keep their weights. Does nothing to a
    /// network without layers.
    public mutating func pop() {
        guard !layers.isEmpty else { return }
        var changed = self
        changed.layers.removeLast()
        // Fewer layers always fit the shapes they fitted before.
        guard (try? changed.rebuildKeepingWeights(of: self)) != nil else { return }
        self = changed
    }

    /// Lays the layers out again (when built) and keeps `old`'s values for the layers they share at the
    /// front; the rest are initialised.
    private mutating func rebuildKeepingWeights(of old: Sequential) throws {
        guard let shape = inputShape else { return }
        try layOut(inputShape: shape)
        allocateWeights()
        let kept = Swift.min(layers.count, old.layers.count)
        let parameterEnd = kept < old.layers.count ? old.offsets[kept] : old.parameters.count
        let stateEnd = kept < old.layers.count ? old.stateOffsets[kept] : old.states.count
        parameters.replaceSubrange(0..<parameterEnd, with: old.parameters[0..<parameterEnd])
        states.replaceSubrange(0..<stateEnd, with: old.states[0..<stateEnd])
        frozenLayers.formIntersection(layers.map(\.name))
    }
}
