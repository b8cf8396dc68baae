import Foundation
import LearnCore
import LearnData
import LearnHDF5

/// The arrays `swiftlearn predict` and `train` give a network, read from `.h5` or `.csv` (DESIGN §6):
/// - `.h5` / `.hdf5`: a dataset `X` of any rank, `[samples, …]` (NHWC images, token ids as integers; any
///   float or integer type), and optionally `y`. A network of several inputs reads a group `X` holding one
///   dataset per input, named after the inputs; one of several outputs a group `y`, one dataset per output.
/// - `.csv`: a header line, then the inputs' flattened values side by side in input order, and the target
///   column (`--target`, default `y`) when there is one: networks of one output only.
/// Every sample must have its input's shape (or, as a flat row, its size); targets are flattened per sample.
struct NetworkData {
    /// One matrix per input, samples flattened to rows.
    var inputs: [Matrix<Double>]
    /// One matrix per output, or `nil` when the file has no targets.
    var targets: [Matrix<Double>]?

    /// The samples in `path` for `network`, and with `targets` its targets when it has them (`predict` leaves
    /// them unread; a CSV's target column is left out of the samples either way).
    /// - Throws: `LearnError` naming the file for a missing `X`, a sample shape the network does not take,
    ///   non-finite values, a dataset of strings, or targets that do not match the samples.
    static func read(
        _ path: String, for network: any CommandLineNetwork, targetColumn: String, targets: Bool
    ) throws -> NetworkData {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "h5", "hdf5": return try readHDF5(path, network, targets: targets)
        default: return try readCSVFile(path, network, targetColumn, targets: targets)
        }
    }

    /// A matrix of `X`'s rows for an estimator: a CSV as `swiftlearn predict` always read it (the target column
    /// ignored), or a 2-D dataset `X` of an `.h5` file.
    static func estimatorInput(_ path: String, targetColumn: String) throws -> Matrix<Double> {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "h5", "hdf5":
            let file = try HDF5File.open(path)
            defer { try? file.close() }
            let root = try file.root
            guard root.contains("X"), !root.isGroup("X") else { throw missing("X", path) }
            let (shape, values) = try readDataset(root, "X", path)
            guard shape.count == 2 else {
                throw LearnError.shapeMismatch(
                    operation: "swiftlearn predict", expected: "a 2-D dataset X in \(path)", got: "shape \(shape)")
            }
            return try Matrix(rows: shape[0], columns: shape[1], scalars: values)
        default:
            let header = try readCSV(from: path)
            return header.featureNames.contains(targetColumn)
                ? try readCSV(from: path, targetColumn: targetColumn).data : header.data
        }
    }

    private static func missing(_ name: String, _ path: String) -> LearnError {
        LearnError.corruptFile(path: path, reason: "no dataset \(name) (the samples, [samples, …])")
    }

    private static func readHDF5(_ path: String, _ network: any CommandLineNetwork, targets: Bool) throws
        -> NetworkData
    {
        let file = try HDF5File.open(path)
        defer { try? file.close() }
        let root = try file.root
        guard root.contains("X") else { throw missing("X", path) }
        let inputs = try arrays(root, "X", network.inputSignature.map { ($0.name, $0.shape) }, role: "input", path)
        guard targets, root.contains("y") else { return NetworkData(inputs: inputs, targets: nil) }
        let values = try arrays(root, "y", network.outputNames.map { ($0, nil) }, role: "output", path)
        return try NetworkData(inputs: inputs, targets: values).checked(path)
    }

    /// One matrix per member: the dataset `name` itself for a single one, else the datasets of the group
    /// `name` called after the members (the network's inputs or outputs), each of its shape when it has one.
    private static func arrays(
        _ root: HDF5Group, _ name: String, _ members: [(name: String, shape: [Int]?)], role: String, _ path: String
    ) throws -> [Matrix<Double>] {
        if members.count == 1 {
            guard !root.isGroup(name) else { throw missing(name, path) }
            return [try samples(root, name, shape: members[0].shape, path)]
        }
        guard root.isGroup(name) else {
            throw LearnError.corruptFile(
                path: path,
                reason: "\(name) must be a group of one dataset per \(role) (\(members.map(\.name))) for a network "
                    + "of \(members.count) \(role)s")
        }
        let group = try root.group(name)
        return try members.map { member in
            guard group.contains(member.name) else { throw missing("\(name)/\(member.name)", path) }
            return try samples(group, member.name, shape: member.shape, path)
        }
    }

    private static func readCSVFile(
        _ path: String, _ network: any CommandLineNetwork, _ targetColumn: String, targets: Bool
    ) throws -> NetworkData {
        let header = try readCSV(from: path)
        let table =
            header.featureNames.contains(targetColumn) ? try readCSV(from: path, targetColumn: targetColumn) : header
        let widths = network.inputSignature.map { $0.shape.reduce(1, *) }
        guard table.data.columns == widths.reduce(0, +) else {
            throw LearnError.shapeMismatch(
                operation: "swiftlearn (\(path))",
                expected: "\(widths.reduce(0, +)) feature columns (inputs \(network.inputSignature.map(\.shape)))",
                got: "\(table.data.columns)")
        }
        var inputs: [Matrix<Double>] = []
        var start = 0
        for width in widths {
            let columns = Array(start..<(start + width))
            inputs.append(
                try Matrix(
                    rows: table.data.rows, columns: width,
                    scalars: (0..<table.data.rows).flatMap { row in columns.map { table.data[row, $0] } }))
            start += width
        }
        guard targets, let target = table.target else { return NetworkData(inputs: inputs, targets: nil) }
        guard network.outputNames.count == 1 else {
            throw LearnError.shapeMismatch(
                operation: "swiftlearn (\(path))",
                expected: "an .h5 file with a group y for a network of \(network.outputNames.count) outputs",
                got: "a CSV target column")
        }
        let targets = [try Matrix(rows: target.count, columns: 1, scalars: target)]
        return try NetworkData(inputs: inputs, targets: targets).checked(path)
    }

    /// Targets with as many rows as the samples, all finite.
    private func checked(_ path: String) throws -> NetworkData {
        for matrix in targets ?? [] {
            guard matrix.rows == inputs[0].rows else {
                throw LearnError.shapeMismatch(
                    operation: "swiftlearn (\(path))", expected: "targets for \(inputs[0].rows) samples",
                    got: "\(matrix.rows)")
            }
            guard matrix.isFinite else { throw LearnError.nonFiniteInput(operation: "swiftlearn targets (\(path))") }
        }
        return self
    }

    /// The dataset `name` as rows of flattened samples; with `shape`, every sample must have that shape
    /// (or be a flat row of its size).
    private static func samples(_ group: HDF5Group, _ name: String, shape: [Int]?, _ path: String) throws
        -> Matrix<Double>
    {
        let (stored, values) = try readDataset(group, name, path)
        guard let rows = stored.first, rows > 0 else { throw LearnError.emptyInput(operation: "swiftlearn (\(path))") }
        let sample = Array(stored.dropFirst())
        let width = try Shape.elementCount(sample, operation: "swiftlearn \(name) samples (\(path))")
        if let shape, sample != shape, !(sample.count <= 1 && width == shape.reduce(1, *)) {
            throw LearnError.shapeMismatch(
                operation: "swiftlearn (\(path))", expected: "\(name) samples of shape \(shape)",
                got: "\(sample) (dataset shape \(stored))")
        }
        return try Matrix(rows: rows, columns: width, scalars: values)
    }

    /// Any numeric dataset as `Double`s, after the reader's size and storage checks.
    private static func readDataset(_ group: HDF5Group, _ name: String, _ path: String) throws -> (
        shape: [Int], values: [Double]
    ) {
        switch try group.datasetInfo(name).typeName {
        case "float64": return try group.read(Double.self, from: name)
        case "float32": return try converted(group.read(Float.self, from: name))
        case "int64": return try converted(group.read(Int64.self, from: name))
        case "int32": return try converted(group.read(Int32.self, from: name))
        case "uint8": return try converted(group.read(UInt8.self, from: name))
        case let other:
            throw LearnError.corruptFile(
                path: path, reason: "dataset \(name) holds \(other); expected float64, float32, int64, int32 or uint8")
        }
    }

    private static func converted<T: BinaryInteger>(_ read: (shape: [Int], values: [T])) -> ([Int], [Double]) {
        var values: [Double] = []
        values.reserveCapacity(read.values.count)
        for value in read.values { values.append(Double(value)) }
        return (read.shape, values)
    }

    private static func converted(_ read: (shape: [Int], values: [Float])) -> ([Int], [Double]) {
        (read.shape, read.values.map(Double.init))
    }
}
