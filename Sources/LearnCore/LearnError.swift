import Foundation

/// The one error type for SwiftLearn's user-facing failures.
///
/// Every case carries enough context to say what was expected and what was given, and
/// ``description`` renders it as one sentence, e.g.
/// `shape mismatch in matmul: expected lhs columns (3) == rhs rows, got rhs shape [4, 2]`.
public enum LearnError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes are incompatible for `operation`.
    case shapeMismatch(operation: String, expected: String, got: String)
    /// A parameter has a value outside its allowed set or range.
    case invalidParameter(name: String, expected: String, got: String)
    /// An operation needs at least one element (or row, or sample) and got none.
    case emptyInput(operation: String)
    /// Input contains NaN or infinity where finite values are required.
    case nonFiniteInput(operation: String)
    /// The estimator or layer is used before `fit` (or `build`).
    case notFitted(type: String)
    /// A label was not seen during fitting or is not among the allowed labels.
    case unknownLabel(String)
    /// A LAPACK routine reported `info != 0`.
    case lapackFailure(routine: String, info: Int, reason: String)
    /// The matrix is singular (not invertible) where an inverse or solve was requested.
    case singularMatrix(operation: String, detail: String)
    /// The matrix is not positive definite where a Cholesky factorisation was requested.
    case notPositiveDefinite(operation: String, detail: String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)
    /// A file exists but its content is not what SwiftLearn expects.
    case corruptFile(path: String, reason: String)
    /// A size that came from outside (a file, a config, an argument) needs more memory than
    /// ``ResourceLimits`` allow; `limit` says which limit and how to raise it.
    case resourceLimit(operation: String, needed: String, limit: String)
    /// A network graph cannot be built: `node` names the layer or tensor at fault (a disconnected input,
    /// an unreachable output, mismatched shapes, a duplicate name).
    case invalidGraph(node: String, reason: String)

    /// A one-sentence message stating what was expected and what was given.
    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, got):
            return "shape mismatch in \(operation): expected \(expected), got \(got)"
        case let .invalidParameter(name, expected, got):
            return "invalid parameter \(name): expected \(expected), got \(got)"
        case let .emptyInput(operation):
            return "empty input in \(operation): expected at least one element"
        case let .nonFiniteInput(operation):
            return "non-finite input in \(operation): expected finite values, got NaN or infinity"
        case let .notFitted(type):
            return "\(type) is not fitted yet: call fit before using it"
        case let .unknownLabel(detail):
            return "unknown label: \(detail)"
        case let .lapackFailure(routine, info, reason):
            return "LAPACK \(routine) failed (info = \(info)): \(reason)"
        case let .singularMatrix(operation, detail):
            return "singular matrix in \(operation): \(detail)"
        case let .notPositiveDefinite(operation, detail):
            return "matrix is not positive definite in \(operation): \(detail)"
        case let .io(path, reason):
            return "I/O error on \(path): \(reason)"
        case let .corruptFile(path, reason):
            return "corrupt or unexpected file \(path): \(reason)"
        case let .resourceLimit(operation, needed, limit):
            return "resource limit in \(operation): needs \(needed), over the limit of \(limit)"
        case let .invalidGraph(node, reason):
            return "invalid graph at \(node): \(reason)"
        }
    }
}

extension LearnError: LocalizedError {
    /// The same text as ``description``, so `error.localizedDescription` shows it too.
    public var errorDescription: String? { description }
}
