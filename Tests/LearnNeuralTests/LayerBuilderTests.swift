import LearnCore
import Testing

@testable import LearnNeural

/// `Sequential { }` with control flow, and seeds it cannot use.
@Suite struct LayerBuilderTests {
    static func names(_ network: Sequential) -> [String] { network.layers.map(\.kerasClassName) }

    @Test(arguments: [false, true])
    func ifForAndArraysBuildTheLayersInOrder(_ dropout: Bool) {
        let widths = [8, 4]
        let extra: Int? = dropout ? 3 : nil
        let network = Sequential(randomState: 0) {
            for width in widths { Dense(width, activation: .relu) }
            if dropout { Dropout(0.5) }
            if let extra { Dense(extra) } else { Flatten() }
            [Dense(2), Dense(1)] as [any Layer]
        }
        let middle = dropout ? ["Dropout", "Dense"] : ["Flatten"]
        #expect(Self.names(network) == ["Dense", "Dense"] + middle + ["Dense", "Dense"])
        #expect(network.layers.map(\.name).first == "dense")
    }

    @Test(arguments: [-1, 1 << 32])
    func aSeedOutsideNumPysRangeIsAnError(_ seed: Int) throws {
        var network = Sequential(randomState: seed) { Dense(1) }
        #expect(throws: LearnError.self) { try network.build(inputShape: [3]) }
        let X = try Matrix<Double>([[1, 2, 3]])
        network.compile(optimizer: SGD(), loss: .meanSquaredError)
        do {
            _ = try network.fit(X, [1], epochs: 1)
            Issue.record("fit with seed \(seed) did not throw")
        } catch let error as LearnError {
            #expect(error.description.contains("randomState"), "\(error)")
        }
    }
}
