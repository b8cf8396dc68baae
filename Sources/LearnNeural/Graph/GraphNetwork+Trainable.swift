import LearnCore

/// Named weights and frozen layers (Keras' `layer.trainable = False`): what transfer learning needs.
extension GraphNetwork {
    /// Freezes (`false`) or unfreezes (`true`) the layers named `names`, or every layer when `nil` (Keras'
    /// `layer.trainable` / `model.trainable`). Frozen weights get no updates and no optimizer slots, and a
    /// frozen BatchNormalization normalises with its moving statistics, as in Keras. Call `compile` after
    /// changing it, as Keras asks, so the optimizer's slots match the trainable weights.
    ///
    /// ```swift
    /// var net = Sequential(randomState: 0) { Dense(4, activation: .relu); Dense(1) }
    /// try net.build(inputShape: [3])
    /// try net.setTrainable(false, layers: ["dense"])
    /// print(net.isTrainable(layer: "dense"), net.trainableParameterCount, net.parameterCount)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// false 5 21
    /// ```
    /// - Throws: `LearnError.invalidParameter` for a name that is not one of the layers'.
    public mutating func setTrainable(_ trainable: Bool, layers names: [String]? = nil) throws {
        let all = layers.map(\.name)
        for name in names ?? [] where !all.contains(name) {
            throw LearnError.invalidParameter(name: "layers", expected: "layer names among \(all)", got: name)
        }
        let chosen = Set(names ?? all)
        if trainable { frozenLayers.subtract(chosen) } else { frozenLayers.formUnion(chosen) }
    }

    /// Whether training updates layer `name`'s weights.
    public func isTrainable(layer name: String) -> Bool { !frozenLayers.contains(name) }

    /// The parameters training updates (those of layers not frozen).
    public var trainableParameterCount: Int { trainableRanges().reduce(0) { $0 + $1.count } }

    /// Where the trainable layers' parameters lie in ``parameters``, adjacent layers merged: the optimizer
    /// steps over these only, with its slots laid end to end in the same order.
    func trainableRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, layer) in layers.enumerated() where !frozenLayers.contains(layer.name) {
            let count = layer.parameterCount
            guard count > 0, index < offsets.count else { continue }
            let range = offsets[index]..<(offsets[index] + count)
            if let last = ranges.last, last.upperBound == range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// The trainable weights with where their values lie in the optimizer's slots (packed in the order of
    /// ``trainableRanges()``): Keras' optimizer variables, frozen layers left out.
    func optimizerVariables() -> [(location: WeightLocation, slots: Range<Int>)] {
        var result: [(location: WeightLocation, slots: Range<Int>)] = []
        var packedStart = 0
        let locations = weightLocations().filter { $0.weight.trainable }
        for range in trainableRanges() {
            for location in locations where range.contains(location.start) {
                let start = packedStart + location.start - range.lowerBound
                result.append((location, start..<(start + location.weight.count)))
            }
            packedStart += range.count
        }
        return result
    }

    /// Every weight's name, `layer/weight` (`dense_1/kernel`, `batch_normalization/moving_mean`), in the
    /// order of ``getWeights()``.
    ///
    /// ```swift
    /// var net = Sequential(randomState: 0) { Dense(2); BatchNormalization() }
    /// try net.build(inputShape: [3])
    /// print(net.weightNames())
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// ["dense/kernel", "dense/bias", "batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean", "batch_normalization/moving_variance"]
    /// ```
    public func weightNames() -> [String] {
        weightLocations().map { "\(layers[$0.layer].name)/\($0.weight.name)" }
    }

    /// The weight called `name` (`dense/kernel`) in Keras' shape.
    /// - Throws: `LearnError.invalidParameter` for a name ``weightNames()`` does not list.
    public func weight(named name: String) throws -> Tensor<Float> {
        let location = try location(named: name)
        return try Tensor(shape: location.weight.shape, scalars: values(at: location))
    }

    /// Replaces the weight called `name` with `value` (same shape, finite).
    /// - Throws: `LearnError` for an unknown name, another shape, or NaN.
    public mutating func setWeight(named name: String, to value: Tensor<Float>) throws {
        let location = try location(named: name)
        guard value.shape == location.weight.shape else {
            throw LearnError.shapeMismatch(
                operation: "setWeight \(name)", expected: "\(location.weight.shape)", got: "\(value.shape)")
        }
        guard value.scalars.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "setWeight") }
        setValues(value.scalars, at: location)
    }

    private func location(named name: String) throws -> WeightLocation {
        _ = try executionPlan() // throws notFitted before the network is built
        guard let location = weightLocations().first(where: { "\(layers[$0.layer].name)/\($0.weight.name)" == name })
        else {
            throw LearnError.invalidParameter(name: "name", expected: "one of \(weightNames())", got: name)
        }
        return location
    }
}
