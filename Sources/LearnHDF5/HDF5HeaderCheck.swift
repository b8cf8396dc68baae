@preconcurrency import CHDF5
import Foundation
import LearnCore

/// A check of an object header's raw bytes before libhdf5 decodes its attribute messages.
///
/// libhdf5 1.10 decodes an attribute message trusting its name, datatype and dataspace sizes: a changed
/// size walks its read pointer past the message, and the mutation campaign found segfaults there
/// (`H5A__compact_build_table`, reached from `H5Aget_name_by_idx`). So before SwiftLearn lists or reads
/// a group's attributes, it walks the group's object header itself — version 1 or 2, every chunk
/// (continuations followed once, inside the file), every message inside its chunk — and checks each
/// attribute message: its parts fit the message, its datatype is a number or a string (no shared,
/// compound or reference types, which SwiftLearn never writes), and its dataspace fits its declared size;
/// and a symbol table message's heap and B-tree (`HDF5SymbolTableCheck.swift`).
struct HDF5HeaderCheck {
    let file: any RawFileBytes
    let format: HDF5FileFormat
    let what: String

    static let attributeMessage = 0x000C
    static let continuationMessage = 0x0010
    static let datatypeMessage = 0x0003
    static let externalFileListMessage = 0x0007
    static let filterPipelineMessage = 0x000B
    static let commentMessage = 0x000D

    /// Checks the object header at `address`.
    func check(address: UInt64) throws {
        guard let start = format.fileOffset(address) else { throw fail("the object header lies outside the file") }
        let prefix = try file.readBytes(at: start, count: Swift.min(16, format.byteCount - start), what: what)
        if prefix.starts(with: Array("OHDR".utf8)) { return try checkVersion2(start: start) }
        guard prefix.count == 16, prefix[0] == 1 else { throw fail("unknown object header version") }
        var chunks = [(start + 16, Int(littleEndian(prefix, 8, 4)))]
        var visited: Set<Int> = []
        while let (offset, length) = chunks.popLast() {
            guard visited.insert(offset).inserted, visited.count <= 1_000 else {
                throw fail("object header chunks form a cycle")
            }
            let chunk = try file.readBytes(at: offset, count: length, what: what)
            var position = 0
            while position + 8 <= chunk.count {
                let type = Int(littleEndian(chunk, position, 2)), size = Int(littleEndian(chunk, position + 2, 2))
                let body = position + 8
                guard size <= chunk.count - body else { throw fail("a header message runs past its chunk") }
                try inspect(type: type, flags: chunk[position + 4], chunk[body..<(body + size)], into: &chunks)
                position = body + size
            }
        }
    }

    private func checkVersion2(start: Int) throws {
        let head = try file.readBytes(at: start, count: Swift.min(48, format.byteCount - start), what: what)
        guard head.count >= 7, head[4] == 2 else { throw fail("unknown object header version") }
        let flags = head[5]
        var position = 6 + (flags & 0x20 != 0 ? 16 : 0) + (flags & 0x10 != 0 ? 4 : 0)
        let widths = [1, 2, 4, 8], width = widths[Int(flags & 0x03)]
        guard position + width <= head.count else { throw fail("a truncated object header") }
        let length = littleEndian(head, position, width)
        position += width
        guard length <= UInt64(format.byteCount) else { throw fail("an object header chunk larger than the file") }
        var chunks = [(start + position, Int(length), false)]
        var visited: Set<Int> = []
        let creationOrder = flags & 0x04 != 0
        while let (offset, length, signed) = chunks.popLast() {
            guard visited.insert(offset).inserted, visited.count <= 1_000 else {
                throw fail("object header chunks form a cycle")
            }
            let chunk = try file.readBytes(at: offset, count: length, what: what)
            var position = signed ? 4 : 0
            let end = chunk.count - (signed ? 4 : 0) // the checksum
            let messageHeader = creationOrder ? 6 : 4
            while position + messageHeader <= end {
                let type = Int(chunk[position]), size = Int(littleEndian(chunk, position + 1, 2))
                let body = position + messageHeader
                guard size <= end - body else { throw fail("a header message runs past its chunk") }
                var continuations: [(Int, Int)] = []
                try inspect(
                    type: type, flags: chunk[position + 3], chunk[body..<(body + size)], into: &continuations)
                chunks += continuations.map { ($0.0, $0.1, true) }
                position = body + size
            }
        }
    }

    /// Checks one message; a continuation adds its chunk to `chunks`.
    ///
    /// Types libhdf5 1.10 does not know (above 0x18) are refused: SwiftLearn and h5py never write them,
    /// and libhdf5's handling of unknown messages is one more decoder a file could steer. So are
    /// external-file lists, comments without a terminator, filter pipelines whose names run past their
    /// message, and attribute messages marked as shared (all of which libhdf5 decodes trusting their
    /// sizes: fuzzing found `H5MM_xstrdup` over-reading a filter name, and `H5A__close` crashing on a
    /// half-decoded shared attribute).
    private func inspect(type: Int, flags: UInt8, _ body: ArraySlice<UInt8>, into chunks: inout [(Int, Int)]) throws {
        let bytes = Array(body)
        guard type <= 0x18 else { throw fail("a header message of unknown type \(type)") }
        switch type {
        case Self.externalFileListMessage:
            throw fail("a dataset that keeps its values in external files")
        case Self.commentMessage:
            guard bytes.contains(0) else { throw fail("an object comment without a terminator") }
        case Self.filterPipelineMessage:
            try checkFilterPipeline(bytes)
        case Self.datatypeMessage:
            // A dataset's datatype, decoded by H5Dopen: the same numbers and strings attributes may hold
            // (libhdf5 copies compound and enum member names trusting their terminators).
            try checkDatatype(bytes, depth: 0)
        case Self.continuationMessage:
            guard bytes.count >= format.addressSize + format.lengthSize else {
                throw fail("a truncated continuation message")
            }
            let address = littleEndian(bytes, 0, format.addressSize),
                length = littleEndian(bytes, format.addressSize, format.lengthSize)
            guard let offset = format.fileOffset(address), length <= UInt64(format.byteCount - offset) else {
                throw fail("an object header continuation outside the file")
            }
            chunks.append((offset, Int(length)))
        case Self.attributeMessage:
            guard flags & 0x02 == 0 else { throw fail("a shared attribute message") }
            try checkAttribute(bytes)
        case Self.symbolTableMessage:
            try checkSymbolTable(bytes)
        default:
            break
        }
    }

    /// A filter pipeline (version 1 or 2): at most 32 filters, each with its name (a NUL-terminated string
    /// within its stated length) and client values inside the message.
    private func checkFilterPipeline(_ bytes: [UInt8]) throws {
        guard bytes.count >= 2, bytes[0] == 1 || bytes[0] == 2, bytes[1] <= 32 else {
            throw fail("a filter pipeline of version \(bytes.first ?? 0)")
        }
        let version = bytes[0]
        var position = version == 1 ? 8 : 2
        for _ in 0..<Int(bytes[1]) {
            guard position + 2 <= bytes.count else { throw fail("a truncated filter pipeline") }
            let identifier = Int(littleEndian(bytes, position, 2))
            let hasName = version == 1 || identifier >= 256
            let fixed = hasName ? 8 : 6
            guard position + fixed <= bytes.count else { throw fail("a truncated filter pipeline") }
            let nameLength = hasName ? Int(littleEndian(bytes, position + 2, 2)) : 0
            let values = Int(littleEndian(bytes, position + fixed - 2, 2))
            let namePadded = version == 1 ? (nameLength + 7) / 8 * 8 : nameLength
            let start = position + fixed
            guard start + namePadded <= bytes.count else { throw fail("a filter name that runs past its message") }
            if nameLength > 0 {
                guard bytes[start..<(start + nameLength)].contains(0) else {
                    throw fail("a filter name without a terminator")
                }
            }
            let valueBytes = 4 * (version == 1 && values % 2 == 1 ? values + 1 : values)
            position = start + namePadded + valueBytes
            guard position <= bytes.count else { throw fail("filter values that run past their message") }
        }
    }

    private func checkAttribute(_ bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw fail("a truncated attribute message") }
        let version = bytes[0], flags = bytes[1]
        guard (1...3).contains(version) else { throw fail("attribute message version \(version)") }
        guard version == 1 || flags == 0 else { throw fail("an attribute with a shared datatype or dataspace") }
        let sizes = (Int(littleEndian(bytes, 2, 2)), Int(littleEndian(bytes, 4, 2)), Int(littleEndian(bytes, 6, 2)))
        let pad = { (size: Int) in version == 1 ? (size + 7) / 8 * 8 : size }
        let nameStart = version == 3 ? 9 : 8
        let typeStart = nameStart + pad(sizes.0), spaceStart = typeStart + pad(sizes.1),
            dataStart = spaceStart + pad(sizes.2)
        guard sizes.0 >= 1, dataStart <= bytes.count else { throw fail("an attribute message whose parts run past it") }
        guard bytes[nameStart + sizes.0 - 1] == 0, !bytes[nameStart..<(nameStart + sizes.0 - 1)].contains(0) else {
            throw fail("an attribute name that is not one NUL-terminated string")
        }
        let elementSize = try checkDatatype(Array(bytes[typeStart..<(typeStart + sizes.1)]), depth: 0)
        let count = try checkDataspace(Array(bytes[spaceStart..<(spaceStart + sizes.2)]))
        let (dataSize, overflow) = elementSize.multipliedReportingOverflow(by: count)
        guard !overflow, dataSize <= bytes.count - dataStart else {
            throw fail("an attribute whose values run past its message")
        }
    }

    /// Numbers (fixed-point, floating-point), strings and variable-length strings only; returns the
    /// element size.
    @discardableResult
    private func checkDatatype(_ bytes: [UInt8], depth: Int) throws -> Int {
        guard bytes.count >= 8, depth <= 1 else { throw fail("a truncated datatype") }
        let typeClass = Int(bytes[0] & 0x0F), version = bytes[0] >> 4
        let size = Int(littleEndian(bytes, 4, 4))
        let stringSizes = 1...file.limits.maxStringBytes
        let allowed: [Int: (properties: Int, sizes: (Int) -> Bool)] = [
            0: (4, { [1, 2, 4, 8].contains($0) }), 1: (12, { $0 == 4 || $0 == 8 }),
            3: (0, { stringSizes.contains($0) }),
            9: (0, { $0 == 4 + format.addressSize + 4 })
        ]
        guard (1...3).contains(version), let rule = allowed[typeClass], rule.sizes(size),
            8 + rule.properties <= bytes.count
        else {
            throw fail("a datatype of class \(typeClass), version \(version), size \(size)")
        }
        guard Self.wellFormedProperties(typeClass, bits: (bytes[1], bytes[2], bytes[3]), size: size, bytes[8...]) else {
            // libhdf5 fails to decode such a type (a reserved normalisation, say) and then frees a
            // half-built attribute table: the mutation campaign found it segfaulting in H5A__close.
            throw fail("a datatype of class \(typeClass) with malformed properties")
        }
        if typeClass == 9 {
            guard bytes[1] & 0x0F == 1 else { throw fail("a variable-length attribute that is not a string") }
            try checkDatatype(Array(bytes[8...]), depth: depth + 1)
        }
        return size
    }

    /// Whether a datatype's class bits and properties are ones SwiftLearn and h5py write: two's-complement
    /// integers and IEEE 754 floats using every bit, strings and variable-length strings in ASCII or UTF-8,
    /// with every reserved bit zero.
    static func wellFormedProperties(
        _ typeClass: Int, bits: (UInt8, UInt8, UInt8), size: Int, _ properties: ArraySlice<UInt8>
    ) -> Bool {
        let p = Array(properties)
        switch typeClass {
        case 0: // fixed-point: byte order, padding, sign; offset 0 and every bit used
            return bits.0 & 0xF0 == 0 && bits.1 == 0 && bits.2 == 0 && p.count >= 4
                && littleEndian(p, 0, 2) == 0 && littleEndian(p, 2, 2) == UInt64(8 * size)
        case 1: // floating-point: IEEE 754 binary32 or binary64, implied leading bit, no padding
            let ieee: [UInt64] = size == 4 ? [0, 32, 23, 8, 0, 23, 127] : [0, 64, 52, 11, 0, 52, 1023]
            let layout =
                p.count >= 12
                ? [
                    littleEndian(p, 0, 2), littleEndian(p, 2, 2), UInt64(p[4]), UInt64(p[5]), UInt64(p[6]),
                    UInt64(p[7]), littleEndian(p, 8, 4)
                ]
                : []
            return bits.0 & 0x0E == 0 && (bits.0 >> 4) & 0x03 == 2 && bits.0 & 0x80 == 0 && Int(bits.1) == 8 * size - 1
                && bits.2 == 0 && layout == ieee
        case 3: // string: NUL-terminated, NUL- or space-padded; ASCII or UTF-8
            return bits.0 & 0x0F <= 2 && bits.0 >> 4 <= 1 && bits.1 == 0 && bits.2 == 0
        case 9: // variable-length string (checked to be one by the caller): padding, charset
            return (bits.0 >> 4) <= 2 && bits.1 & 0x0F <= 1 && bits.1 >> 4 == 0 && bits.2 == 0
        default:
            return false
        }
    }

    /// A scalar or simple dataspace that fits its message; returns its element count.
    private func checkDataspace(_ bytes: [UInt8]) throws -> Int {
        guard bytes.count >= 4 else { throw fail("a truncated attribute dataspace") }
        let version = bytes[0], rank = Int(bytes[1]), flags = bytes[2]
        guard version == 1 || (version == 2 && bytes[3] <= 2), rank <= 32, flags & ~0x03 == 0 else {
            throw fail("an attribute dataspace of version \(version), rank \(rank)")
        }
        let header = version == 1 ? 8 : 4
        let dimensions =
            rank * format.lengthSize * (flags & 0x01 != 0 ? 2 : 1) + (version == 1 && flags & 0x02 != 0 ? rank * 8 : 0)
        guard header + dimensions <= bytes.count else { throw fail("an attribute dataspace larger than its message") }
        if version == 2 && bytes[3] == 2 { return 0 } // a null dataspace holds no values (refused later, by name)
        var count = 1
        for axis in 0..<rank {
            let (product, overflow) = count.multipliedReportingOverflow(
                by: Int(truncatingIfNeeded: littleEndian(bytes, header + axis * format.lengthSize, format.lengthSize)))
            guard !overflow, product >= 0 else { throw fail("an attribute dataspace whose size overflows") }
            count = product
        }
        return count
    }

    func fail(_ reason: String) -> LearnError { file.corrupt("\(what): \(reason)") }
}

extension HDF5HeaderCheck {
    /// Checks the root group's object header of the file at `path` before libhdf5 opens the file: the
    /// superblock (versions 0–3, at 0, 512, 1024, … bytes) names it.
    static func checkRoot(path: String, limits: ResourceLimits) throws {
        let raw = RawFile(path: path, limits: limits)
        let size = raw.byteCount
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
        var start = 0
        while start + 96 <= size {
            let head = try raw.readBytes(at: start, count: 96, what: "the superblock")
            if head.starts(with: signature) { return try checkRoot(raw, superblock: head, at: start, fileSize: size) }
            start = start == 0 ? 512 : start * 2
        }
    }

    private static func checkRoot(_ raw: RawFile, superblock head: [UInt8], at start: Int, fileSize: Int) throws {
        let version = head[8]
        let (addressSize, lengthSize, base, root): (Int, Int, Int, Int)
        switch version {
        case 0, 1:
            (addressSize, lengthSize) = (Int(head[13]), Int(head[14]))
            base = version == 0 ? 24 : 28
            root = base + 4 * addressSize + addressSize
        case 2, 3:
            (addressSize, lengthSize) = (Int(head[9]), Int(head[10]))
            base = 12
            root = base + 3 * addressSize
        default:
            throw raw.corrupt("unknown superblock version \(version)")
        }
        guard [2, 4, 8].contains(addressSize), [2, 4, 8].contains(lengthSize), root + addressSize <= head.count else {
            throw raw.corrupt("unsupported superblock sizes (\(addressSize), \(lengthSize))")
        }
        let baseAddress = littleEndian(head, base, addressSize)
        let format = HDF5FileFormat(
            addressSize: addressSize, lengthSize: lengthSize, baseAddress: baseAddress, byteCount: fileSize)
        let check = HDF5HeaderCheck(file: raw, format: format, what: "the root group's object header")
        try check.check(address: littleEndian(head, root, addressSize))
        // A version 0/1 superblock caches the root's symbol table addresses (cache type 1), which libhdf5 may use.
        let cache = root + addressSize
        if version <= 1, cache + 8 + 2 * addressSize <= head.count, littleEndian(head, cache, 4) == 1 {
            try check.checkSymbolTable(
                tree: littleEndian(head, cache + 8, addressSize),
                heap: littleEndian(head, cache + 8 + addressSize, addressSize))
        }
    }
}
