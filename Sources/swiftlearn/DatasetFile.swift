import ArgumentParser
import Foundation
import LearnCore
import LearnData
import LearnHDF5

/// The target column(s) a generated or bundled dataset carries.
enum DatasetTarget {
    /// Class labels (classification generators, bundled datasets).
    case labels([Int])
    /// One real-valued target.
    case values([Double])
    /// Several real-valued targets, one column each (`make-regression --n-targets T`).
    case columns(Matrix<Double>)
}

/// Writes a dataset where `--output` says, by its extension (DESIGN §6):
/// - `FILE.csv`: a header of the feature names (`x0, …, x{F-1}` for generated data) then `y` (or `y0, y1, …`),
///   floats with 17 significant digits;
/// - `FILE.h5` / `FILE.hdf5`: datasets `X` (float64, `[nSamples, nFeatures]`) and `y` (int64 labels,
///   float64 values, or float64 `[nSamples, nTargets]`), with root attributes `feature_names` and, for
///   labelled data with names, `target_names` — the layout `h5py` users expect, written atomically.
enum DatasetFile {
    static func write(
        _ X: Matrix<Double>, _ target: DatasetTarget, featureNames: [String]? = nil, targetNames: [String] = [],
        to path: String
    ) throws {
        let names = featureNames ?? (0..<X.columns).map { "x\($0)" }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": try writeCSVFile(X, target, names, path)
        case "h5", "hdf5": try writeHDF5File(X, target, names, targetNames, path)
        default: throw ValidationError("--output must end in .csv or .h5, got '\(path)'")
        }
    }

    private static func writeCSVFile(_ X: Matrix<Double>, _ target: DatasetTarget, _ names: [String], _ path: String)
        throws
    {
        switch target {
        case let .labels(labels): try writeCSV(X, labels: labels, to: path, featureNames: names)
        case let .values(values): try writeCSV(X, target: values, to: path, featureNames: names)
        case let .columns(targets):
            let all = names + (0..<targets.columns).map { "y\($0)" }
            try writeCSV(Matrix.concatenate([X, targets], axis: 1), to: path, featureNames: all)
        }
    }

    private static func writeHDF5File(
        _ X: Matrix<Double>, _ target: DatasetTarget, _ names: [String], _ targetNames: [String], _ path: String
    ) throws {
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.write(X, to: "X")
            switch target {
            case let .labels(labels): try root.write(labels.map(Int64.init), shape: [labels.count], to: "y")
            case let .values(values): try root.write(values, shape: [values.count], to: "y")
            case let .columns(targets): try root.write(targets, to: "y")
            }
            try root.setAttribute("feature_names", .strings(names))
            if !targetNames.isEmpty { try root.setAttribute("target_names", .strings(targetNames)) }
        }
    }
}
