@preconcurrency import CHDF5
import Foundation
import LearnCore

/// The checks every read makes before it allocates: the dataspace is a scalar or a simple extent of
/// at most 32 dimensions each below 2^63, the element count fits the file's `ResourceLimits`, the
/// shape is the one the caller expects, and a dataset stores what it declares.
extension HDF5Group {
    /// How many bytes a dataset may declare beyond what it stores. Chunks that were never written read
    /// as fill values and deflate packs at most ~1032:1, so a file can make SwiftLearn allocate at most
    /// this many times its stored bytes, or ``unstoredAllowance`` bytes, whichever is larger.
    static let compressionAllowance = 1_100
    /// The bytes a dataset may declare without storing them (fill values of unwritten chunks).
    static let unstoredAllowance = 16 << 20

    /// The shape of `space`, `[]` for a scalar.
    /// - Throws: `corruptFile` for a null or unknown dataspace, a rank over 32, a dimension of 2^63 or
    ///   more, or an element count that overflows.
    func extent(of space: hid_t, _ what: String) throws -> [Int] {
        switch H5Sget_simple_extent_type(space) {
        case H5S_SCALAR:
            return []
        case H5S_SIMPLE:
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 1, rank <= 32 else { throw corrupt("\(what) has \(rank) dimensions") }
            var dims = [hsize_t](repeating: 0, count: Int(rank))
            guard H5Sget_simple_extent_dims(space, &dims, nil) == rank else {
                throw corrupt("unreadable shape of \(what) (\(HDF5Library.errorStackMessage()))")
            }
            let shape = try dims.map { dimension -> Int in
                guard let size = Int(exactly: dimension) else {
                    throw corrupt("\(what) declares a dimension of \(dimension)")
                }
                return size
            }
            do { _ = try Shape.elementCount(shape, operation: what) } catch {
                throw corrupt("\(what) declares shape \(shape), whose element count overflows")
            }
            return shape
        case H5S_NULL:
            throw corrupt("\(what) has a null dataspace (no values)")
        default:
            throw corrupt("\(what) has an unreadable dataspace (\(HDF5Library.errorStackMessage()))")
        }
    }

    /// The element count of `shape` when `elementSize`-byte values of it fit this file's limits.
    func checkedCount(_ shape: [Int], elementSize: Int, _ what: String) throws -> Int {
        try Shape.checkArray(
            shape, scalarSize: elementSize, operation: "reading \(what) from \(file.path)", limits: file.limits)
    }

    /// An open dataset whose type is `typeName` and whose shape is `expected` (when given) and fits the
    /// limits for `elementSize`-byte values in memory, with its shape and element count. The caller closes it.
    func openCheckedDataset(
        _ name: String, typeName expectedType: String?, elementSize: Int, expected: [Int]?
    ) throws -> (dataset: hid_t, shape: [Int], count: Int) {
        let what = "dataset \(child(name))"
        let dataset = try openDataset(name)
        do {
            return try withTypeAndSpace(of: dataset, what, type: H5Dget_type, space: H5Dget_space) { type, space in
                let typeName = Self.typeName(type)
                if let expectedType, typeName != expectedType {
                    throw corrupt("\(what) holds \(typeName), expected \(expectedType)")
                }
                let shape = try extent(of: space, what)
                if let expected, shape != expected { throw corrupt("\(what) has shape \(shape), expected \(expected)") }
                let count = try checkedCount(shape, elementSize: elementSize, what)
                // A variable-length string is stored as a global-heap reference (length, collection address,
                // index), larger than the pointer it reads into.
                let storedElement = H5Tis_variable_str(type) > 0 ? 8 + (try file.format.addressSize) : H5Tget_size(type)
                try checkStorage(dataset, declaredBytes: count.multipliedReportingOverflow(by: storedElement), what)
                return (dataset, shape, count)
            }
        } catch {
            H5Dclose(dataset)
            throw error
        }
    }

    /// Calls `body` with the type and dataspace of an open dataset or attribute (read by `typeOf` and
    /// `spaceOf`: `H5Dget_type`/`H5Dget_space` or the `H5A` pair), closing both afterwards.
    /// - Throws: `corruptFile` when either cannot be read.
    func withTypeAndSpace<R>(
        of object: hid_t, _ what: String, type typeOf: (hid_t) -> hid_t, space spaceOf: (hid_t) -> hid_t,
        _ body: (_ type: hid_t, _ space: hid_t) throws -> R
    ) throws -> R {
        let type = typeOf(object), space = spaceOf(object)
        defer {
            H5Tclose(type)
            H5Sclose(space)
        }
        guard type >= 0, space >= 0 else {
            throw corrupt("cannot read the type or shape of \(what) (\(HDF5Library.errorStackMessage()))")
        }
        return try body(type, space)
    }

    /// Refuses layouts that read other files and datasets that declare far more than they store
    /// (`declaredBytes`: the element count times the size of an element in the file).
    private func checkStorage(
        _ dataset: hid_t, declaredBytes: (partialValue: Int, overflow: Bool), _ what: String
    ) throws {
        let properties = H5Dget_create_plist(dataset)
        guard properties >= 0 else {
            throw corrupt("cannot read the layout of \(what) (\(HDF5Library.errorStackMessage()))")
        }
        defer { H5Pclose(properties) }
        let layout = H5Pget_layout(properties)
        guard layout == H5D_CONTIGUOUS || layout == H5D_CHUNKED || layout == H5D_COMPACT else {
            throw corrupt(
                "\(what) has a \(layout == H5D_VIRTUAL ? "virtual" : "unknown") layout, which SwiftLearn does not read")
        }
        guard H5Pget_external_count(properties) == 0 else {
            throw corrupt("\(what) keeps its values in external files")
        }
        let fileBytes = file.byteCount
        guard let stored = Int(exactly: H5Dget_storage_size(dataset)), stored <= fileBytes else {
            throw corrupt("\(what) declares more stored bytes than the file of \(fileBytes) bytes holds")
        }
        let declared = declaredBytes.overflow ? Int.max : declaredBytes.partialValue
        // Contiguous and compact values are stored whole (or, contiguous, not yet at all: the fill value is
        // read); libhdf5 1.10 reads a shorter contiguous or compact store through a NULL buffer.
        if layout == H5D_COMPACT || (layout == H5D_CONTIGUOUS && stored != 0) {
            guard stored == declared else { throw corrupt("\(what) declares \(declared) bytes but stores \(stored)") }
            return
        }
        let filtered = H5Pget_nfilters(properties) > 0
        let (allowed, overflow) = stored.multipliedReportingOverflow(by: filtered ? Self.compressionAllowance : 1)
        if declared > Self.unstoredAllowance && !overflow && declared > allowed {
            throw corrupt("\(what) declares \(declared) bytes but the file stores only \(stored) of them")
        }
    }
}
