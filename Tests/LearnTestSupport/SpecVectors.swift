import Foundation

/// The numpy / scikit-learn reference vectors of `shared/spec/vectors`, copied unchanged under
/// `Vectors/` (numpy 2.4.6, scikit-learn 1.9.1; `Vectors/README.md` names the call behind each file).
public enum SpecVectors {
    /// The decoded `name.json`.
    public static func load(_ name: String) throws -> JSONValue {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors") else {
            throw VectorError("missing vector file \(name).json")
        }
        return try JSONValue.load(url)
    }

    /// The names of every vector file (without `.json`).
    public static func allNames() throws -> [String] {
        guard let directory = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            throw VectorError("missing Vectors directory")
        }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}
