import Foundation

/// The one way SwiftLearn warns, as scikit-learn's `warnings.warn` does: one `SwiftLearn warning: …` line on
/// standard error, the computation going on. Used where scikit-learn warns rather than raises (a fit that
/// stopped at its iteration limit, `targetNames` longer than `labels`, …).
///
/// ```swift
/// LearnWarning.emit("labels size, 2, does not match size of targetNames, 3")
/// ```
public enum LearnWarning {
    /// Writes `SwiftLearn warning: <message>` and a newline to standard error.
    public static func emit(_ message: String) {
        FileHandle.standardError.write(Data("SwiftLearn warning: \(message)\n".utf8))
    }
}
