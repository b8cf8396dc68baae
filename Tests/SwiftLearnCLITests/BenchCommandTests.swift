import Foundation
import Testing

/// `swiftlearn bench accuracy` (DESIGN §6), run through the built tool on a small slice.
@Suite struct BenchCommandTests {
    @Test func accuracyWritesItsReportsAndRejectsUnknownNames() throws {
        let folder = GeneratorCommandTests.temporaryPath("bench")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try GeneratorCommandTests.run([
            "bench", "accuracy", "--quick", "--dataset", "iris", "--model", "LogisticRegression",
            "--json", folder + "/out/accuracy.json", "--markdown", folder + "/out/accuracy.md",
            "--svg", folder + "/out/accuracy.svg"
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains("iris     LogisticRegression") && run.stdout.contains("All 1 rows are within tolerance")
        )
        #expect(run.stderr.contains("[1/1] iris LogisticRegression"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/accuracy.json"))) as? [String: Any])
        let rows = try #require(json["results"] as? [[String: Any]])
        #expect(json["suite"] as? String == "accuracy" && rows.count == 1 && rows[0]["dataset"] as? String == "iris")
        #expect(
            try String(contentsOfFile: folder + "/out/accuracy.md", encoding: .utf8).contains(
                "| iris | LogisticRegression |"))
        #expect(try String(contentsOfFile: folder + "/out/accuracy.svg", encoding: .utf8).hasPrefix("<svg"))
        let unknownDataset = try GeneratorCommandTests.run(["bench", "accuracy", "--dataset", "mnist"])
        #expect(unknownDataset.status != 0 && unknownDataset.stderr.contains("no dataset matches 'mnist'"))
        let unknownModel = try GeneratorCommandTests.run([
            "bench", "accuracy", "--quick", "--dataset", "iris", "--model", "SVC"
        ])
        #expect(unknownModel.status != 0 && unknownModel.stderr.contains("no model matches 'SVC'"))
    }
}
