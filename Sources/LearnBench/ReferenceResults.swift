import Foundation
import LearnCore

/// The committed reference results (`Benchmarks/Reference/accuracy_scikit_learn.json`,
/// `accuracy_keras.json`), compiled into this module by the EmbedDatasets build plugin.
struct ReferenceResults: Sendable {
    private struct File: Decodable {
        let library: String
        let version: String
        let results: [Row]
    }

    private struct Row: Decodable {
        let dataset: String
        let model: String
        let metrics: [String: Double]
        let fit_seconds: Double?
        let cv_accuracy: Double?
    }

    private var rows: [String: AccuracyReference] = [:]

    /// The embedded files, decoded.
    /// - Throws: `LearnError/corruptFile(path:reason:)` when an embedded file does not decode.
    static func embedded() throws -> ReferenceResults {
        var result = ReferenceResults()
        for (name, text) in embeddedReferenceFiles.sorted(by: { $0.key < $1.key }) {
            let file: File
            do {
                file = try JSONDecoder().decode(File.self, from: Data(text.utf8))
            } catch {
                throw LearnError.corruptFile(path: "Benchmarks/Reference/\(name)", reason: "\(error)")
            }
            for row in file.results {
                result.rows[row.dataset + "/" + row.model] = AccuracyReference(
                    library: file.library, version: file.version, metrics: row.metrics, fitSeconds: row.fit_seconds,
                    cvAccuracy: row.cv_accuracy)
            }
        }
        return result
    }

    /// The reference for a dataset × model pair, if one was recorded.
    func reference(dataset: String, model: String) -> AccuracyReference? { rows[dataset + "/" + model] }
}
