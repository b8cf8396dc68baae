import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnNeural
import LearnPreprocessing
import Testing

/// Every input with which a fuzzer (`make fuzz`, Docs/Fuzzing.md) once crashed, hung or exhausted memory,
/// replayed through the same calls as its fuzz target: each now ends in a `LearnError`.
///
/// The files live in `Artifacts/<target>/`, named after what they broke; a new finding is added by copying
/// it from `.build/fuzz/crashes/<target>/` and renaming it. `Artifacts/<target>/EXPECTED` may name, per file
/// (`file<TAB>text`), text the error must contain — so that a test run without AddressSanitizer, where a
/// huge allocation inside libhdf5 may merely fail, still shows which check caught the file.
@Suite struct FuzzArtifactTests {
    static func artifacts(_ target: String) -> [String] {
        guard let folder = Bundle.module.url(forResource: "Artifacts/\(target)", withExtension: nil) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "EXPECTED" }.sorted().map { folder.path + "/" + $0 }
    }

    /// The text `EXPECTED` (next to `path`) names for it, or "" when it names none.
    static func expectedText(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let table =
            (try? String(
                contentsOf: url.deletingLastPathComponent().appendingPathComponent("EXPECTED"), encoding: .utf8)) ?? ""
        let row = table.split(separator: "\n").first { $0.hasPrefix(url.lastPathComponent + "\t") }
        return row.map { String($0.dropFirst(url.lastPathComponent.count + 1)) } ?? ""
    }

    /// `body` throws a `LearnError` (a trap would end the test run instead).
    static func expectLearnError(
        _ path: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
        } catch let error as LearnError {
            let text = expectedText(path)
            #expect(
                text.isEmpty || error.description.contains(text), "\(error) lacks '\(text)'",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(path): not a LearnError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyTargetHasItsFolder() {
        for target in ["fuzz-inspect", "fuzz-estimator-load", "fuzz-keras-load", "fuzz-csv", "fuzz-parameters"] {
            #expect(Bundle.module.url(forResource: "Artifacts/\(target)", withExtension: nil) != nil, "\(target)")
        }
        #expect(!Self.artifacts("fuzz-inspect").isEmpty)
    }

    @Test(arguments: artifacts("fuzz-inspect")) func inspectFindings(_ path: String) {
        Self.expectLearnError(path) { _ = try HDF5File.open(path).inspection() }
    }

    @Test(arguments: artifacts("fuzz-keras-load")) func kerasLoadFindings(_ path: String) {
        Self.expectLearnError(path) { _ = try Sequential.load(from: path) }
    }

    @Test(arguments: artifacts("fuzz-estimator-load")) func estimatorLoadFindings(_ path: String) {
        for load in Self.loaders {
            Self.expectLearnError(path) { try load(path) }
        }
    }

    @Test(arguments: artifacts("fuzz-csv")) func csvFindings(_ path: String) {
        Self.expectLearnError(path) { _ = try readCSV(from: path, targetColumn: "target") }
    }

    /// Every persisted class's loader.
    static let loaders: [@Sendable (String) throws -> Void] = [
        { _ = try LogisticRegression.load(from: $0) }, { _ = try LinearRegression.load(from: $0) },
        { _ = try Ridge.load(from: $0) }, { _ = try SGDRegressor.load(from: $0) },
        { _ = try StandardScaler.load(from: $0) }, { _ = try MinMaxScaler.load(from: $0) },
        { _ = try LabelEncoder<Int>.load(from: $0) }, { _ = try LabelEncoder<String>.load(from: $0) },
        { _ = try OneHotEncoder<Int>.load(from: $0) }, { _ = try OneHotEncoder<String>.load(from: $0) },
        { _ = try MLPClassifier.load(from: $0) }, { _ = try MLPRegressor.load(from: $0) }
    ]
}
