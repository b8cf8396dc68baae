import LearnCore

extension LogisticRegression {
    /// Every hyper-parameter by name (scikit-learn's `get_params`).
    public var parameters: [String: ParameterValue] {
        var result: [String: ParameterValue] = [
            "C": .double(C), "l1Ratio": .double(l1Ratio), "fitIntercept": .bool(fitIntercept), "tol": .double(tol),
            "maxIter": .int(maxIter), "solver": .string(solver.rawValue), "warmStart": .bool(warmStart),
            "randomState": randomState.map { .int($0) } ?? .none
        ]
        switch classWeight {
        case nil: result["classWeight"] = ParameterValue.none
        case .balanced?: result["classWeight"] = .string("balanced")
        case let .weights(table)?:
            let keys = table.keys.sorted()
            result["classWeight"] = .doubles(keys.flatMap { [Double($0), table[$0] ?? 1] })
        }
        return result
    }

    /// Sets one hyper-parameter by name; `penalty` is accepted too (l2 / l1 / elasticnet / none).
    public mutating func setParameter(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "C": C = try value.double(name)
        case "l1Ratio": l1Ratio = try value.double(name)
        case "fitIntercept": fitIntercept = try value.bool(name)
        case "tol": tol = try value.double(name)
        case "maxIter": maxIter = try value.int(name)
        case "warmStart": warmStart = try value.bool(name)
        case "randomState": randomState = value == .none ? nil : try value.int(name)
        case "solver":
            guard let parsed = LogisticSolver(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(
                    name: name, expected: "lbfgs, newton-cholesky or saga", got: value.description)
            }
            solver = parsed
        case "penalty":
            guard let parsed = LogisticPenalty(rawValue: try value.string(name)) else {
                throw LearnError.invalidParameter(
                    name: name, expected: "l2, l1, elasticnet or none", got: value.description)
            }
            switch parsed {
            case .l2: l1Ratio = 0
            case .l1: l1Ratio = 1
            case .elasticnet: if l1Ratio == 0 || l1Ratio == 1 { l1Ratio = 0.5 }
            case .none: C = .infinity
            }
        case "classWeight":
            switch value {
            case .none: classWeight = nil
            case .string("balanced"): classWeight = .balanced
            case let .doubles(pairs) where pairs.count % 2 == 0:
                classWeight = .weights(try ClassWeight.table(fromPairs: pairs))
            default:
                throw LearnError.invalidParameter(
                    name: name, expected: "balanced, none, or label,weight pairs", got: value.description)
            }
        default:
            throw unknownParameter(name)
        }
    }
}
