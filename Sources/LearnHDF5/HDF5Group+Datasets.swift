@preconcurrency import CHDF5
import Foundation
import LearnCore

/// The stored shape and element type of a dataset.
public struct HDF5DatasetInfo: Sendable, Equatable {
    /// Dimensions (empty for a scalar).
    public var shape: [Int]
    /// `float32`, `float64`, `int32`, `int64`, `uint8`, `string`, or `other`.
    public var typeName: String

    /// Creates a description.
    public init(shape: [Int], typeName: String) {
        self.shape = shape
        self.typeName = typeName
    }
}

extension HDF5Group {
    /// Writes a dataset of `values` laid out row-major in `shape` (`[]` for a scalar); with
    /// `compression` (gzip level 1–9) the data are chunked and deflated.
    /// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` when the shape does not hold the
    ///   values; `LearnError/io(path:reason:)` when HDF5 refuses.
    public func write<T: HDF5Scalar>(_ values: [T], shape: [Int], to name: String, compression: Int? = nil) throws {
        let count = try Shape.elementCount(shape, operation: "HDF5 write \(child(name))")
        guard count == values.count else {
            throw LearnError.shapeMismatch(
                operation: "HDF5 write \(child(name))", expected: "\(count) values for shape \(shape)",
                got: "\(values.count)")
        }
        let properties = try creationProperties(shape: shape, compression: compression)
        defer { H5Pclose(properties) }
        try values.withUnsafeBytes {
            try createDataset(name, type: T.hdf5Type, dims: shape, properties: properties, data: $0.baseAddress)
        }
    }

    /// Creates dataset `name` of `type` in the shape `dims` and writes `data` (laid out as `type` in memory).
    private func createDataset(
        _ name: String, type: hid_t, dims: [Int], properties: hid_t = hid_t(H5P_DEFAULT), data: UnsafeRawPointer?
    ) throws {
        let space = try dataspace(dims)
        defer { H5Sclose(space) }
        let dataset = try HDF5Library.check(
            H5Dcreate2(id, name, type, space, hid_t(H5P_DEFAULT), properties, hid_t(H5P_DEFAULT))
        ) {
            LearnError.io(path: self.file.path, reason: "cannot create dataset \(self.child(name)) (\($0))")
        }
        defer { H5Dclose(dataset) }
        try HDF5Library.check(H5Dwrite(dataset, type, hid_t(0), hid_t(0), hid_t(H5P_DEFAULT), data)) {
            LearnError.io(path: self.file.path, reason: "cannot write \(self.child(name)) (\($0))")
        }
    }

    /// Writes a matrix as a 2-D dataset.
    public func write<T: HDF5Scalar & LearnScalar>(_ matrix: Matrix<T>, to name: String, compression: Int? = nil) throws
    {
        try write(matrix.scalars, shape: matrix.shape, to: name, compression: compression)
    }

    /// Reads a whole dataset as `T`, after checking its shape against the file's ``HDF5File/limits``
    /// and what the file stores (see `HDF5Extent.swift`).
    /// - Throws: `LearnError/corruptFile(path:reason:)` when it is missing, stored with another type or
    ///   misdeclared; `LearnError/resourceLimit(operation:needed:limit:)` when it is larger than the limits.
    public func read<T: HDF5Scalar>(_ type: T.Type, from name: String) throws -> (shape: [Int], values: [T]) {
        try readChecked(type, from: name, expected: nil)
    }

    /// Reads a dataset that must have exactly `shape`; the shape is compared before anything is allocated.
    public func read<T: HDF5Scalar>(_ type: T.Type, from name: String, shape expected: [Int]) throws -> [T] {
        try readChecked(type, from: name, expected: expected).values
    }

    private func readChecked<T: HDF5Scalar>(_: T.Type, from name: String, expected: [Int]?) throws -> (
        shape: [Int], values: [T]
    ) {
        let (dataset, shape, count) = try openCheckedDataset(
            name, typeName: T.hdf5Name, elementSize: T.hdf5Size, expected: expected)
        defer { H5Dclose(dataset) }
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = H5Dread(
                dataset, T.hdf5Type, hid_t(0), hid_t(0), hid_t(H5P_DEFAULT), UnsafeMutableRawPointer(buffer.baseAddress)
            )
            initialized = status >= 0 ? count : 0
        }
        try HDF5Library.check(status) { self.corrupt("cannot read \(self.child(name)) (\($0))") }
        return (shape, values)
    }

    /// Checks, without reading it, that dataset `name` holds `T` values of exactly `shape` within the limits
    /// and that the file stores them — what ``read(_:from:shape:)`` checks before it allocates.
    public func validateDataset<T: HDF5Scalar>(_: T.Type, _ name: String, shape: [Int]) throws {
        let (dataset, _, _) = try openCheckedDataset(
            name, typeName: T.hdf5Name, elementSize: T.hdf5Size, expected: shape)
        H5Dclose(dataset)
    }

    /// Reads a 2-D dataset as a matrix.
    public func readMatrix<T: HDF5Scalar & LearnScalar>(_ type: T.Type, from name: String) throws -> Matrix<T> {
        let (shape, values) = try read(type, from: name)
        guard shape.count == 2 else { throw corrupt("dataset \(child(name)) has shape \(shape), expected a matrix") }
        return try Matrix(rows: shape[0], columns: shape[1], scalars: values)
    }

    /// Writes a 1-D dataset (or a scalar with `shape: []`) of UTF-8 strings: variable-length by default,
    /// or fixed-length `fixedLength` bytes each (NUL-padded; longer strings are refused).
    public func writeStrings(_ values: [String], to name: String, shape: [Int]? = nil, fixedLength: Int? = nil) throws {
        let dims = shape ?? [values.count]
        let count = try Shape.elementCount(dims, operation: "HDF5 write \(child(name))")
        guard count == values.count else {
            throw LearnError.shapeMismatch(
                operation: "HDF5 write \(child(name))", expected: "\(count) strings", got: "\(values.count)")
        }
        if let fixedLength { return try writeFixedStrings(values, to: name, dims: dims, length: fixedLength) }
        let type = try stringType()
        defer { H5Tclose(type) }
        try withCStringArray(values) { pointers in
            try createDataset(name, type: type, dims: dims, data: pointers)
        }
    }

    /// Reads a dataset of variable- or fixed-length strings (each checked against
    /// `ResourceLimits.maxStringBytes`; variable-length ones are decoded by SwiftLearn itself, see
    /// `HDF5VariableStrings.swift`).
    public func readStrings(_ name: String) throws -> [String] {
        let what = "dataset \(child(name))"
        let (dataset, _, count) = try openCheckedDataset(name, typeName: "string", elementSize: 16, expected: nil)
        defer { H5Dclose(dataset) }
        let stored = H5Dget_type(dataset)
        defer { H5Tclose(stored) }
        return try readStrings(count: count, storedType: stored, what) { memoryType, buffer in
            H5Dread(dataset, memoryType, hid_t(0), hid_t(0), hid_t(H5P_DEFAULT), buffer)
        }
    }

    /// `count` strings of `storedType` read by `read(memoryType, buffer)` (an `H5Aread` or `H5Dread`).
    func readStrings(
        count: Int, storedType: hid_t, _ what: String, _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        if H5Tis_variable_str(storedType) > 0 {
            let format = try file.format
            let raw = try HDF5VariableStrings.rawType(addressSize: format.addressSize)
            defer { H5Tclose(raw) }
            let descriptorSize = H5Tget_size(raw)
            var bytes = [UInt8](repeating: 0, count: try Shape.product(descriptorSize, count, operation: what))
            let status = bytes.withUnsafeMutableBytes { read(raw, $0.baseAddress!) }
            try HDF5Library.check(status) { self.corrupt("cannot read \(what) (\($0))") }
            var heap = try GlobalHeapReader(file: file)
            return try VariableLengthDescriptor.decode(bytes, count: count, addressSize: format.addressSize).map {
                try heap.string($0, what: what)
            }
        }
        let size = H5Tget_size(storedType)
        let (total, overflow) = size.multipliedReportingOverflow(by: count)
        guard size > 0, !overflow else { throw corrupt("\(what) declares strings of \(size) bytes") }
        try file.limits.checkString(total, operation: "reading \(what) from \(file.path)")
        var bytes = [UInt8](repeating: 0, count: total + 1)
        let status = bytes.withUnsafeMutableBytes { read(storedType, $0.baseAddress!) }
        try HDF5Library.check(status) { self.corrupt("cannot read \(what) (\($0))") }
        return (0..<count).map { i in
            String(decoding: bytes[(i * size)..<((i + 1) * size)].prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private func writeFixedStrings(_ values: [String], to name: String, dims: [Int], length: Int) throws {
        let longest = values.map { $0.utf8.count }.max() ?? 0
        guard length > 0, longest <= length else {
            throw LearnError.invalidParameter(
                name: "fixedLength", expected: "at least the longest string's UTF-8 length", got: "\(length)")
        }
        let type = try HDF5Library.check(H5Tcopy(swiftlearn_h5t_c_s1())) {
            LearnError.io(path: self.file.path, reason: $0)
        }
        defer { H5Tclose(type) }
        H5Tset_size(type, length)
        H5Tset_cset(type, H5T_CSET_UTF8)
        H5Tset_strpad(type, H5T_STR_NULLPAD)
        var bytes = [UInt8](repeating: 0, count: length * values.count)
        for (i, value) in values.enumerated() {
            for (j, byte) in value.utf8.enumerated() { bytes[i * length + j] = byte }
        }
        try bytes.withUnsafeBytes { try createDataset(name, type: type, dims: dims, data: $0.baseAddress) }
    }

    /// The stored shape and element type of a dataset.
    /// - Throws: `LearnError/corruptFile(path:reason:)` when it is missing, is not a dataset, or has a
    ///   null or misdeclared dataspace.
    public func datasetInfo(_ name: String) throws -> HDF5DatasetInfo {
        let dataset = try openDataset(name)
        defer { H5Dclose(dataset) }
        let space = H5Dget_space(dataset), type = H5Dget_type(dataset)
        defer {
            H5Sclose(space)
            H5Tclose(type)
        }
        guard space >= 0, type >= 0 else { throw corrupt("unreadable shape of \(child(name))") }
        return HDF5DatasetInfo(shape: try extent(of: space, "dataset \(child(name))"), typeName: Self.typeName(type))
    }

    func openDataset(_ name: String) throws -> hid_t {
        guard contains(name), try checkedChild(name) == .dataset else {
            throw corrupt("missing dataset \(child(name))")
        }
        return try HDF5Library.check(H5Dopen2(id, name, hid_t(H5P_DEFAULT))) {
            self.corrupt("cannot open dataset \(self.child(name)) (\($0))")
        }
    }

    static func typeName(_ type: hid_t) -> String {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_FLOAT: return size == 4 ? "float32" : size == 8 ? "float64" : "float\(size * 8)"
        case H5T_INTEGER:
            let unsigned = H5Tget_sign(type) == H5T_SGN_NONE
            return (unsigned ? "uint" : "int") + "\(size * 8)"
        case H5T_STRING: return "string"
        default: return "other"
        }
    }

    func dataspace(_ shape: [Int]) throws -> hid_t {
        let space =
            shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(shape.count), shape.map { hsize_t($0) }, nil)
        return try HDF5Library.check(space) {
            LearnError.io(path: self.file.path, reason: "cannot describe shape \(shape) (\($0))")
        }
    }

    func stringType() throws -> hid_t {
        let type = try HDF5Library.check(H5Tcopy(swiftlearn_h5t_c_s1())) {
            LearnError.io(path: self.file.path, reason: $0)
        }
        H5Tset_size(type, swiftlearn_h5t_variable())
        H5Tset_cset(type, H5T_CSET_UTF8)
        return type
    }

    private func creationProperties(shape: [Int], compression: Int?) throws -> hid_t {
        let properties = try HDF5Library.check(H5Pcreate(swiftlearn_h5p_dataset_create())) {
            LearnError.io(path: self.file.path, reason: $0)
        }
        if let level = compression, !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) {
            guard (1...9).contains(level) else {
                H5Pclose(properties)
                throw LearnError.invalidParameter(name: "compression", expected: "a gzip level 1...9", got: "\(level)")
            }
            // Chunks of up to ~1 MB: whole trailing dimensions, rows as many as fit.
            var chunk = shape.map { hsize_t($0) }
            let rowBytes = shape.dropFirst().reduce(8, *)
            chunk[0] = hsize_t(Swift.max(1, Swift.min(shape[0], (1 << 20) / Swift.max(rowBytes, 1))))
            H5Pset_chunk(properties, Int32(shape.count), chunk)
            H5Pset_deflate(properties, UInt32(level))
        }
        return properties
    }
}

/// Calls `body` with a C array of pointers to NUL-terminated copies of `strings`.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafeMutableRawPointer?) throws -> R) rethrows -> R {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    var pointers = copies
    return try pointers.withUnsafeMutableBytes { try body($0.baseAddress) }
}
