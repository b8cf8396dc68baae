import LearnTestSupport
import Testing

/// The tests' one closeness rule (LearnTestSupport): a helper that accepted everything would make every
/// reference comparison pass, so the rule itself is pinned here.
@Suite struct ClosenessTests {
    @Test func relativeAboveOneAbsoluteBelow() {
        #expect(isClose(1000.0, 1000.5, tolerance: 1e-3)) // 0.5 / 1000.5 < 1e-3
        #expect(!isClose(1000.0, 1002.0, tolerance: 1e-3)) // 2 / 1002 > 1e-3
        #expect(isClose(1e-9, 2e-9, tolerance: 1e-8)) // below 1 the error is absolute
        #expect(!isClose(0.0, 1e-6, tolerance: 1e-7))
        #expect(isClose(Float(0.1), 0.1, tolerance: 1e-7)) // float32 against float64
    }

    @Test func nanAndInfinitiesMatchOnlyThemselves() {
        #expect(isClose(Double.nan, Double.nan, tolerance: 0))
        #expect(!isClose(Double.nan, 1.0, tolerance: 1))
        #expect(!isClose(1.0, Double.nan, tolerance: 1))
        #expect(isClose(Double.infinity, Double.infinity, tolerance: 0))
        #expect(!isClose(Double.infinity, -Double.infinity, tolerance: 1))
        #expect(!isClose(1e308, Double.infinity, tolerance: 1))
        #expect(relativeError(3.0, 3.0) == 0)
    }

    @Test func arraysNeedTheSameCountAndEveryElement() {
        #expect(isClose([1.0, 2.0], [1.0, 2.0 + 1e-13], tolerance: 1e-12))
        #expect(!isClose([1.0, 2.0], [1.0], tolerance: 1))
        #expect(!isClose([1.0, 2.0], [1.0, 2.1], tolerance: 1e-3))
    }
}
