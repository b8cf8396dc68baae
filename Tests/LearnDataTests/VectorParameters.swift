import LearnData
import LearnTestSupport
import Testing

/// Reads a vector file's `params` (scikit-learn keyword arguments) with scikit-learn's defaults.
struct VectorParameters {
    let params: JSONValue

    func int(_ key: String, _ fallback: Int) throws -> Int { try params[key]?.int() ?? fallback }
    func double(_ key: String, _ fallback: Double) throws -> Double { try params[key]?.double() ?? fallback }
    func bool(_ key: String, _ fallback: Bool) -> Bool {
        if case let .bool(value)? = params[key] { return value }
        return fallback
    }
    func seed() throws -> Int { try params.member("random_state").int() }

    /// A number, a list of numbers, or `None` (→ `.random`); absent → `fallback`.
    func generatorParameter(_ key: String, _ fallback: GeneratorParameter) throws -> GeneratorParameter {
        switch params[key] {
        case nil: return fallback
        case .null?: return .random
        case let .array(values)?: return .values(try values.map { try $0.double() })
        case let value?: return .value(try value.double())
        }
    }
}

/// The tolerance for generator output compared with NumPy's: the values went through a matrix product
/// upstream (OpenBLAS and NumPy's BLAS sum in other orders), so 1e-12 relative (LearnTestSupport's rule).
let generatorTolerance = 1e-12
