import Foundation
import LearnBench
import Testing

/// The speed suite's rows and JSON contract (DESIGN §6), on small sizes; the speeds themselves
/// are checked by `swiftlearn bench speed`, never by tests.
@Suite struct SpeedSuiteTests {
    @Test func reportHasTheContractedRowsAndJSONKeys() throws {
        let report = try SpeedSuite(
            gemmSize: 64, vectorCount: 2_000_000, runs: 1, generatorSamples: 10_000,
            splitSamples: 2_000, reportLabels: 5_000, logRegSamples: 2_000
        ).run()
        #expect(
            report.results.map(\.name) == [
                "dgemm-64", "dgemm-64-raw", "sgemm-64", "sgemm-64-raw",
                "memcpy-2m", "elementwise-add-2m", "sum-2m", "make-classification-10k",
                "train-test-split-2k", "classification-report-5k", "hdf5-save-load-2m", "mlp-epoch-200",
                "cnn-epoch-200", "cnn-predict-200", "logreg-fit-2k",
                "logreg-fit-multiclass-1k"
            ])
        #expect(report.results.allSatisfy { $0.seconds > 0 && $0.throughput > 0 })
        #expect(report.results[0].reference?.name == "dgemm-64-raw")
        #expect(report.results[5].reference?.name == "memcpy-2m")
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(json["suite"] as? String == "speed")
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(Set(rows[0].keys).isSuperset(of: ["name", "seconds", "throughput", "unit", "reference"]))
        #expect(report.table().contains("elementwise-add-2m"))
    }

    @Test func filterKeepsMatchingRowsAndTheirReferences() throws {
        var suite = SpeedSuite(
            gemmSize: 32, vectorCount: 1_000_000, runs: 1, generatorSamples: 2_000, splitSamples: 1_000,
            reportLabels: 1_000, logRegSamples: 1_000)
        suite.filter = "sum"
        #expect(try suite.run().results.map(\.name) == ["memcpy-1m", "sum-1m"])
        suite.filter = "sgemm"
        #expect(try suite.run().results.map(\.name) == ["sgemm-32", "sgemm-32-raw"])
        suite.filter = "make-classification"
        #expect(try suite.run().results.map(\.name) == ["make-classification-2k"])
    }

    @Test func medianIgnoresOneSlowRun() {
        var calls = 0
        let seconds = Measurement.medianSeconds(runs: 3, warmup: 0) {
            calls += 1
            if calls == 2 { usleep(200_000) }
        }
        #expect(calls == 3)
        #expect(seconds < 0.1)
    }
}
