@preconcurrency import CHDF5
import Foundation
import LearnCore

extension HDF5Group {
    /// Sets (or replaces) an attribute of this group. Strings are variable-length, UTF-8 — or ASCII with
    /// `ascii` (Keras writes its JSON configs and weight names that way).
    /// - Throws: `LearnError/io(path:reason:)` when HDF5 refuses.
    public func setAttribute(_ name: String, _ value: HDF5Attribute, ascii: Bool = false) throws {
        if H5Aexists(id, name) > 0 { H5Adelete(id, name) }
        _ = H5Eclear2(hid_t(H5E_DEFAULT))
        func fail(_ message: String) -> LearnError {
            LearnError.io(path: file.path, reason: "cannot write attribute \(name) of \(path) (\(message))")
        }
        switch value {
        case let .int(v): try writeAttribute(name, [v], shape: [], type: Int64.hdf5Type, fail)
        case let .double(v): try writeAttribute(name, [v], shape: [], type: Double.hdf5Type, fail)
        case let .bool(v): try writeAttribute(name, [UInt8(v ? 1 : 0)], shape: [], type: UInt8.hdf5Type, fail)
        case let .ints(v): try writeAttribute(name, v, shape: [v.count], type: Int64.hdf5Type, fail)
        case let .doubles(v): try writeAttribute(name, v, shape: [v.count], type: Double.hdf5Type, fail)
        case let .string(v): try writeStringAttribute(name, [v], shape: [], ascii: ascii, fail)
        case let .strings(v): try writeStringAttribute(name, v, shape: [v.count], ascii: ascii, fail)
        }
    }

    /// Reads an attribute of this group. Its dataspace, type and size are checked (against the file's
    /// ``HDF5File/limits``) before anything is allocated.
    /// - Throws: `LearnError/corruptFile(path:reason:)` when it is missing, misdeclared or of a type
    ///   SwiftLearn does not write.
    public func attribute(_ name: String) throws -> HDF5Attribute {
        let what = "attribute \(name) on \(path)"
        guard H5Aexists(id, name) > 0 else {
            _ = H5Eclear2(hid_t(H5E_DEFAULT))
            throw corrupt("missing attribute \(name) on \(path)")
        }
        let attribute = try HDF5Library.check(H5Aopen(id, name, hid_t(H5P_DEFAULT))) {
            self.corrupt("cannot open attribute \(name) (\($0))")
        }
        defer { H5Aclose(attribute) }
        return try withTypeAndSpace(of: attribute, what, type: H5Aget_type, space: H5Aget_space) { type, space in
            let shape = try extent(of: space, what)
            guard shape.count <= 1 else { throw corrupt("\(what) is not a scalar or a list") }
            let count = try checkedCount(shape, elementSize: 8, what)
            let scalar = shape.isEmpty
            func read<T: HDF5Scalar>(_: T.Type) throws -> [T] {
                var values = [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
                let status = values.withUnsafeMutableBytes { H5Aread(attribute, T.hdf5Type, $0.baseAddress) }
                try HDF5Library.check(status) { self.corrupt("cannot read attribute \(name) (\($0))") }
                return values
            }
            switch Self.typeName(type) {
            case "float32", "float64":
                let values = try read(Double.self)
                return scalar ? .double(values.first ?? 0) : .doubles(values)
            case "uint8" where scalar:
                return .bool((try read(UInt8.self).first ?? 0) != 0)
            case let integer where integer.hasPrefix("int") || integer.hasPrefix("uint"):
                let values = try read(Int64.self)
                return scalar ? .int(values.first ?? 0) : .ints(values)
            case "string":
                let values = try readStrings(count: count, storedType: type, what) { H5Aread(attribute, $0, $1) }
                return scalar ? .string(values.first ?? "") : .strings(values)
            default:
                throw corrupt("attribute \(name) on \(path) has an unsupported type")
            }
        }
    }

    /// The names of this group's attributes, sorted.
    public func attributeNames() throws -> [String] {
        var info = H5O_info_t()
        try HDF5Library.check(H5Oget_info2(id, &info, UInt32(H5O_INFO_NUM_ATTRS))) {
            self.corrupt("cannot list attributes (\($0))")
        }
        return (0..<info.num_attrs).compactMap { index -> String? in
            let length = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, hid_t(H5P_DEFAULT))
            guard length >= 0 else { return nil }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            _ = H5Aget_name_by_idx(
                id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, hid_t(H5P_DEFAULT))
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }.sorted()
    }

    private func writeAttribute<T: HDF5Scalar>(
        _ name: String, _ values: [T], shape: [Int], type: hid_t, _ fail: (String) -> LearnError
    ) throws {
        let space = try dataspace(shape)
        defer { H5Sclose(space) }
        let attribute = try HDF5Library.check(
            H5Acreate2(id, name, type, space, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT)), fail)
        defer { H5Aclose(attribute) }
        try HDF5Library.check(values.withUnsafeBytes { H5Awrite(attribute, type, $0.baseAddress) }, fail)
    }

    private func writeStringAttribute(
        _ name: String, _ values: [String], shape: [Int], ascii: Bool, _ fail: (String) -> LearnError
    ) throws {
        let type = try stringType()
        if ascii { H5Tset_cset(type, H5T_CSET_ASCII) }
        defer { H5Tclose(type) }
        let space = try dataspace(shape)
        defer { H5Sclose(space) }
        let attribute = try HDF5Library.check(
            H5Acreate2(id, name, type, space, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT)), fail)
        defer { H5Aclose(attribute) }
        try withCStringArray(values) { pointers in try HDF5Library.check(H5Awrite(attribute, type, pointers), fail) }
    }
}
