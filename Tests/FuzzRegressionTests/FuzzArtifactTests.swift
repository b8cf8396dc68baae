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

    /// `body` throws a `LearnError` (a trap would end the test run instead), containing the `EXPECTED` text
    /// when `checkText`.
    static func expectLearnError(
        _ path: String, checkText: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
        } catch let error as LearnError {
            let text = checkText ? expectedText(path) : ""
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

    /// Every loader refuses the file with a `LearnError`; one loader of the class it names (those
    /// `fuzz-estimator-load` and `swiftlearn predict` call, `LogisticRegression`'s when it names none) with
    /// the `EXPECTED` text.
    @Test(arguments: artifacts("fuzz-estimator-load")) func estimatorLoadFindings(_ path: String) {
        let file = try? HDF5File.open(path)
        var named: String?
        if case let .string(name)?? = try? file?.root.attribute("swiftlearn_class") { named = name }
        try? file?.close()
        let className = named.flatMap { Self.loaders[$0] == nil ? nil : $0 } ?? "LogisticRegression"
        for (name, loads) in Self.loaders {
            var messages: [String] = []
            for load in loads {
                Self.expectLearnError(path, checkText: false) {
                    do { try load(path) } catch {
                        messages.append("\(error)")
                        throw error
                    }
                }
            }
            let text = Self.expectedText(path)
            if name == className && !text.isEmpty {
                #expect(messages.contains { $0.contains(text) }, "\(messages) lack '\(text)'")
            }
        }
    }

    @Test(arguments: artifacts("fuzz-csv")) func csvFindings(_ path: String) {
        Self.expectLearnError(path) { _ = try readCSV(from: path, targetColumn: "target") }
    }

    /// Every persisted class's loaders, by the class name its files carry.
    static let loaders: [String: [@Sendable (String) throws -> Void]] = [
        "LogisticRegression": [{ _ = try LogisticRegression.load(from: $0) }],
        "LinearRegression": [{ _ = try LinearRegression.load(from: $0) }],
        "Ridge": [{ _ = try Ridge.load(from: $0) }], "SGDRegressor": [{ _ = try SGDRegressor.load(from: $0) }],
        "StandardScaler": [{ _ = try StandardScaler.load(from: $0) }],
        "MinMaxScaler": [{ _ = try MinMaxScaler.load(from: $0) }],
        "LabelEncoder": [{ _ = try LabelEncoder<Int>.load(from: $0) }, { _ = try LabelEncoder<String>.load(from: $0) }],
        "OneHotEncoder": [
            { _ = try OneHotEncoder<Int>.load(from: $0) }, { _ = try OneHotEncoder<String>.load(from: $0) }
        ],
        "MLPClassifier": [{ _ = try MLPClassifier.load(from: $0) }],
        "MLPRegressor": [{ _ = try MLPRegressor.load(from: $0) }]
    ]
}
