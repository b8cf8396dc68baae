import LearnCore
import Testing

/// Arrays the kernels hand to BLAS stay within its 32-bit sizes, whatever byte limit a user sets.
@Suite struct BLASSizeTests {
    @Test func aRaisedLimitStillStopsAtBLASSizes() throws {
        let generous = ResourceLimits(maxArrayBytes: 64 << 30)
        #expect(try Shape.checkArray([1 << 30], scalarSize: 4, operation: "test", limits: generous) == 1 << 30)
        do {
            _ = try Shape.checkArray([1 << 30, 2], scalarSize: 4, operation: "test", limits: generous)
            Issue.record("2^31 elements were accepted")
        } catch let error as LearnError {
            #expect(error.description.contains("BLAS' 32-bit sizes"), "\(error)")
        }
    }
}
