import LearnCore
import Testing

@testable import LearnNeural

/// The training and prediction workspace is sized from the caller's batch: sizes beyond the array limit,
/// or beyond Int, are errors before anything is allocated (and so never reach BLAS' 32-bit sizes).
@Suite struct WorkspaceSizeTests {
    @Test(arguments: [1 << 40, Int.max / 2])
    func hugeBatchesAreRefusedBeforeAllocation(_ batch: Int) throws {
        var network = Sequential(randomState: 0) {
            Dense(64, activation: .relu)
            Dense(1)
        }
        try network.build(inputShape: [8])
        #expect(throws: LearnError.self) { _ = try Workspace(network: network, batch: batch) }
        let small = try Workspace(network: network, batch: 4)
        #expect(small.activations.count == 4 * (8 + 64 + 1))
        #expect(small.activationOffsets == [0, 32, 32 + 256])
    }
}
