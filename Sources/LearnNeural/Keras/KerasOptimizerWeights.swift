import Foundation
import LearnCore
import LearnHDF5

/// Keras' `optimizer_weights` group, for any network on the graph engine: `iteration`, `learning_rate`,
/// then every slot of every trainable variable, named `<optimizer>/<variable path with _>_<slot>`
/// (`adam/sequential_dense_kernel_momentum`, `adam/dense_kernel_momentum` in a functional model).
extension GraphNetwork {
    /// The trainable weights with the prefix Keras gives their optimizer slots (the variable path, `/` → `_`).
    private func slotVariables(scope: String) -> [(slotPrefix: String, location: WeightLocation)] {
        zip(weightLocations(), kerasWeightNames(scope: scope)).filter(\.0.weight.trainable).map {
            ($1.replacingOccurrences(of: "/", with: "_"), $0)
        }
    }

    /// Writes `optimizer`'s step count, rate and slots below `group`.
    func writeKerasOptimizerWeights(_ optimizer: any Optimizer, to group: HDF5Group, scope: String) throws {
        let prefix = optimizer.kerasName
        let inner = try group.createGroup(prefix)
        var names = ["\(prefix)/iteration", "\(prefix)/learning_rate"]
        try inner.write([Int64(optimizer.iterations)], shape: [], to: "iteration")
        try inner.write([Float(optimizer.learningRate)], shape: [], to: "learning_rate")
        let variables = slotVariables(scope: scope)
        for slotGroup in optimizer.slotGroups {
            for (slotPrefix, location) in variables {
                for slot in slotGroup {
                    guard let values = optimizer.slot(slot), values.count == parameters.count else { continue }
                    let name = "\(slotPrefix)_\(slot)"
                    try inner.write(Array(values[location.range]), shape: location.weight.shape, to: name)
                    names.append("\(prefix)/\(name)")
                }
            }
        }
        try group.setAttribute("weight_names", .strings(names), ascii: true)
    }

    /// Restores `iteration`, `learning_rate` and the slots into `optimizer`, in the order `weight_names`
    /// lists them — as Keras reads them back. The names themselves are not assumed: Keras prefixes them with
    /// the optimizer's name (`adam`, `adam_1` for a session's second Adam, or the name the user gave) and the
    /// slots with the model's (`my_net_dense_kernel_momentum`), so only the order, the slot suffix and the
    /// shape are checked. `optimizer` is unchanged when the file is refused.
    func readKerasOptimizerWeights(
        into optimizer: inout any Optimizer, from group: HDF5Group, _ corrupt: (String) -> LearnError
    ) throws {
        var restored = optimizer
        let variables = slotVariables(scope: "")
        var expected: [(slot: String, location: WeightLocation)] = []
        for slotGroup in restored.slotGroups {
            for (_, location) in variables {
                for slot in slotGroup { expected.append((slot, location)) }
            }
        }
        guard case let .strings(names) = try group.attribute("weight_names"), names.count == 2 + expected.count else {
            throw corrupt(
                "optimizer_weights does not list the \(2 + expected.count) variables of \(restored.kerasName) "
                    + "(iteration, learning_rate, \(expected.count) slots)")
        }
        // The step count and rate first: a bad file fails before the slots are read.
        guard names[0].hasSuffix("iteration"), names[1].hasSuffix("learning_rate") else {
            throw corrupt("optimizer_weights does not start with iteration and learning_rate")
        }
        func read<T: HDF5Scalar>(_ type: T.Type, _ path: String, shape: [Int]) throws -> [T] {
            guard let (parent, leaf) = try Self.parentAndLeaf(path, below: group) else {
                throw corrupt("optimizer_weights lists an empty name \"\(path)\"")
            }
            return try parent.read(type, from: leaf, shape: shape)
        }
        let iteration = try read(Int64.self, names[0], shape: [])
        let rate = try read(Float.self, names[1], shape: [])
        // Steps beyond 2^53 are inexact in the Double bias corrections; Int.max would overflow on the next step.
        guard let steps = iteration.first, (0...(Int64(1) << 53)).contains(steps) else {
            throw corrupt("optimizer iteration \(iteration.first.map(String.init) ?? "missing") is outside 0...2^53")
        }
        guard let learningRate = rate.first, learningRate.isFinite, learningRate > 0 else {
            throw corrupt("optimizer learning rate out of range")
        }
        restored.prepare(parameterCount: parameters.count)
        var slots: [String: [Float]] = [:]
        for (name, entry) in zip(names.dropFirst(2), expected) {
            guard name.hasSuffix("_" + entry.slot) else {
                throw corrupt("optimizer variable \(name) is not the \(entry.slot) slot expected in that place")
            }
            let part = try read(Float.self, name, shape: entry.location.weight.shape)
            guard part.allSatisfy(\.isFinite) else { throw corrupt("optimizer variable \(name) has non-finite values") }
            slots[entry.slot, default: [Float](repeating: 0, count: parameters.count)]
                .replaceSubrange(entry.location.range, with: part)
        }
        for slot in restored.slotGroups.joined() {
            try restored.setSlot(slot, to: slots[slot] ?? [Float](repeating: 0, count: parameters.count))
        }
        restored.iterations = Int(steps)
        restored.learningRate = Double(learningRate)
        optimizer = restored
    }
}
