@preconcurrency import CHDF5
import Foundation
import LearnCore

/// Variable-length strings read without libhdf5's variable-length conversion.
///
/// libhdf5 1.10 trusts a variable-length string's stored length: it allocates and zero-fills that many
/// bytes (a flipped byte asks for 4 GiB) and then copies the global-heap object — whose own size may be
/// larger — into that buffer (a heap overflow for a length made smaller). So SwiftLearn never lets
/// libhdf5 decode them. A registered no-op conversion from a variable-length string to an opaque type of
/// the same size hands us the raw on-disk descriptors (length, heap collection address, object index),
/// and ``GlobalHeapReader`` reads the heap objects from the file itself, checking every offset and size
/// against the collection and the file before it copies a byte.
enum HDF5VariableStrings {
    /// The tag of the opaque memory type that receives raw descriptors.
    static let rawTag = "swiftlearn.vlen-string.raw"

    /// Registers the pass-through conversion (once, from `HDF5Library.ready`).
    static func register() {
        let source = H5Tcopy(swiftlearn_h5t_c_s1())
        H5Tset_size(source, swiftlearn_h5t_variable())
        let target = H5Tcreate(H5T_OPAQUE, 16)
        H5Tset_tag(target, rawTag)
        _ = H5Tregister(H5T_PERS_SOFT, "swiftlearn_vlen_string_raw", source, target, passThrough)
        H5Tclose(source)
        H5Tclose(target)
    }

    /// Accepts only variable-length string → our opaque type of the same size; copies nothing because
    /// the descriptors already sit in the buffer in their on-disk form.
    private static let passThrough: H5T_conv_t = { source, target, data, _, stride, _, _, _, _ in
        guard let data else { return -1 }
        switch data.pointee.command {
        case H5T_CONV_INIT:
            guard H5Tis_variable_str(source) > 0, H5Tget_class(target) == H5T_OPAQUE,
                let tag = H5Tget_tag(target)
            else { return -1 }
            defer { H5free_memory(tag) }
            guard String(cString: tag) == rawTag, H5Tget_size(source) == H5Tget_size(target) else { return -1 }
            data.pointee.need_bkg = H5T_BKG_NO
            return 0
        case H5T_CONV_CONV:
            return stride == 0 || stride == H5Tget_size(target) ? 0 : -1
        default:
            return 0
        }
    }

    /// The opaque memory type for a file whose addresses take `addressSize` bytes.
    static func rawType(addressSize: Int) throws -> hid_t {
        let type = H5Tcreate(H5T_OPAQUE, 4 + addressSize + 4)
        guard type >= 0 else {
            throw LearnError.io(path: "", reason: "cannot create a memory type (\(HDF5Library.errorStackMessage()))")
        }
        H5Tset_tag(type, rawTag)
        return type
    }
}

/// One variable-length descriptor as stored on disk.
struct VariableLengthDescriptor {
    var length: UInt32
    var collection: UInt64
    var index: UInt32

    /// Decodes `count` little-endian descriptors of `4 + addressSize + 4` bytes each.
    static func decode(_ bytes: [UInt8], count: Int, addressSize: Int) -> [VariableLengthDescriptor] {
        let size = 4 + addressSize + 4
        return (0..<count).map { i in
            let base = i * size
            return VariableLengthDescriptor(
                length: UInt32(truncatingIfNeeded: littleEndian(bytes, base, 4)),
                collection: littleEndian(bytes, base + 4, addressSize),
                index: UInt32(truncatingIfNeeded: littleEndian(bytes, base + 4 + addressSize, 4)))
        }
    }
}

/// A little-endian unsigned integer of `width` bytes at `offset` (caller checks the range).
func littleEndian(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
    var value: UInt64 = 0
    for k in stride(from: width - 1, through: 0, by: -1) { value = value << 8 | UInt64(bytes[offset + k]) }
    return value
}

/// Reads objects out of an HDF5 file's global heap collections, trusting nothing it reads: the
/// collection must lie inside the file and start with `GCOL`, every object header and object must lie
/// inside the collection, and the object's size must equal the descriptor's length.
struct GlobalHeapReader {
    let file: HDF5File
    private let format: HDF5FileFormat
    private var collections: [UInt64: [UInt8]] = [:]

    init(file: HDF5File) throws {
        self.file = file
        format = try file.format
    }

    /// The string a descriptor points at; `""` for the null descriptor (collection address 0).
    mutating func string(_ descriptor: VariableLengthDescriptor, what: String) throws -> String {
        guard descriptor.collection != 0, descriptor.length > 0 else { return "" }
        let length = Int(descriptor.length)
        try file.limits.checkString(length, operation: what)
        let heap = try collection(at: descriptor.collection, what: what)
        let object = try objectRange(in: heap, index: descriptor.index, what: what)
        guard object.count == length else {
            throw file.corrupt("\(what): a string of \(length) bytes points at a heap object of \(object.count)")
        }
        return String(decoding: heap[object], as: UTF8.self)
    }

    private mutating func collection(at address: UInt64, what: String) throws -> [UInt8] {
        if let cached = collections[address] { return cached }
        guard let start = format.fileOffset(address) else {
            throw file.corrupt("\(what): heap address \(address) lies outside the file")
        }
        let header = try file.readBytes(at: start, count: 8 + format.lengthSize, what: what)
        guard header.starts(with: Array("GCOL".utf8)), header[4] == 1 else {
            throw file.corrupt("\(what): no global heap collection at address \(address)")
        }
        let declared = littleEndian(header, 8, format.lengthSize)
        guard declared >= UInt64(header.count), declared <= UInt64(format.byteCount) else {
            throw file.corrupt(
                "\(what): a global heap collection of \(declared) bytes in a file of \(format.byteCount)")
        }
        let bytes = try file.readBytes(at: start, count: Int(declared), what: what)
        collections[address] = bytes
        return bytes
    }

    /// The byte range of object `index` inside `heap`, walking the object headers from the start.
    private func objectRange(in heap: [UInt8], index: UInt32, what: String) throws -> Range<Int> {
        let lengthSize = format.lengthSize
        let headerSize = 8 + lengthSize
        var offset = 8 + lengthSize
        while offset + headerSize <= heap.count {
            let objectIndex = littleEndian(heap, offset, 2)
            guard objectIndex != 0 else { break } // index 0 is the free space: the end of the objects
            let size = littleEndian(heap, offset + 8, lengthSize)
            let dataStart = offset + headerSize
            guard size <= UInt64(heap.count - dataStart) else {
                throw file.corrupt("\(what): a global heap object runs past its collection")
            }
            let end = dataStart + Int(size)
            if objectIndex == UInt64(index) { return dataStart..<end }
            offset = dataStart + (Int(size) + 7) / 8 * 8
        }
        throw file.corrupt("\(what): global heap object \(index) not found")
    }
}
