import LearnCore

/// The check of an old-style group's symbol table (the layout libhdf5 writes by default, and so every
/// SwiftLearn file): its local heap, holding the member names, and its B-tree of symbol nodes.
///
/// libhdf5 1.10 loads a local heap trusting its declared data size (the fuzzer found `H5C_protect`
/// reallocating 2^64 − 136 bytes for one changed size field) and reads member names at offsets it does not
/// check against the heap. So before libhdf5 lists a group's members, the heap must lie inside the file,
/// every B-tree and symbol node must be inside the file and well formed (a visited set and a depth bound
/// stop cycles), and every member's name must be a NUL-terminated string inside the heap.
extension HDF5HeaderCheck {
    static let symbolTableMessage = 0x0011
    /// More nodes than any group SwiftLearn or h5py writes for a model; a bound on the walk, not on files.
    static let maxSymbolTableNodes = 100_000

    /// Checks a symbol table message: the B-tree address, then the local heap address.
    func checkSymbolTable(_ bytes: [UInt8]) throws {
        let width = format.addressSize
        guard bytes.count >= 2 * width else { throw fail("a truncated symbol table message") }
        try checkSymbolTable(tree: littleEndian(bytes, 0, width), heap: littleEndian(bytes, width, width))
    }

    /// Checks the group whose B-tree and local heap are at these addresses.
    func checkSymbolTable(tree: UInt64, heap: UInt64) throws {
        let names = try localHeap(at: heap)
        var visited: Set<Int> = []
        try checkTreeNode(at: tree, level: nil, names: names, visited: &visited)
    }

    /// The local heap's data segment (the group's member names), after checking its header.
    private func localHeap(at address: UInt64) throws -> [UInt8] {
        let (o, l) = (format.addressSize, format.lengthSize)
        guard let start = format.fileOffset(address) else { throw fail("a group's local heap lies outside the file") }
        let header = try file.readBytes(
            at: start, count: Swift.min(8 + 2 * l + o, format.byteCount - start), what: what)
        guard header.count == 8 + 2 * l + o, header.starts(with: Array("HEAP".utf8)), header[4] == 0 else {
            throw fail("a group's local heap has no valid header")
        }
        let size = littleEndian(header, 8, l), freeList = littleEndian(header, 8 + l, l)
        let undefined = l == 8 ? UInt64.max : (UInt64(1) << (8 * l)) - 1
        guard size <= UInt64(file.limits.maxStringBytes),
            let data = format.fileOffset(littleEndian(header, 8 + 2 * l, o)),
            size <= UInt64(format.byteCount - data)
        else {
            throw fail("a group's local heap of \(size) bytes does not fit in the file")
        }
        guard freeList == undefined || freeList < size else {
            throw fail("a group's local heap free list outside the heap")
        }
        return try file.readBytes(at: data, count: Int(size), what: what)
    }

    /// A group B-tree node (`TREE`, node type 0): its children are nodes one level down, or symbol nodes at
    /// level 0. `level` is what the parent implies (nil for the root); levels fall by one per step, so the
    /// walk ends.
    private func checkTreeNode(at address: UInt64, level expected: Int?, names: [UInt8], visited: inout Set<Int>) throws
    {
        let (o, l) = (format.addressSize, format.lengthSize)
        guard let start = format.fileOffset(address) else { throw fail("a group's B-tree node lies outside the file") }
        guard visited.insert(start).inserted, visited.count <= Self.maxSymbolTableNodes else {
            throw fail("a group's B-tree nodes repeat")
        }
        let head = try file.readBytes(at: start, count: Swift.min(8 + 2 * o, format.byteCount - start), what: what)
        guard head.count == 8 + 2 * o, head.starts(with: Array("TREE".utf8)), head[4] == 0 else {
            throw fail("a group's B-tree node has no valid header")
        }
        let level = Int(head[5]), entries = Int(littleEndian(head, 6, 2))
        guard level == (expected ?? level), level <= 32 else {
            throw fail("a group's B-tree node at an inconsistent level")
        }
        let body = try file.readBytes(at: start + head.count, count: (entries + 1) * l + entries * o, what: what)
        for entry in 0..<entries {
            let child = littleEndian(body, (entry + 1) * l + entry * o, o)
            if level == 0 {
                try checkSymbolNode(at: child, names: names, visited: &visited)
            } else {
                try checkTreeNode(at: child, level: level - 1, names: names, visited: &visited)
            }
        }
    }

    /// A symbol node (`SNOD`): each entry's name offset must start a NUL-terminated name inside the heap.
    private func checkSymbolNode(at address: UInt64, names: [UInt8], visited: inout Set<Int>) throws {
        let o = format.addressSize, entrySize = 2 * o + 24
        guard let start = format.fileOffset(address) else { throw fail("a group's symbol node lies outside the file") }
        guard visited.insert(start).inserted, visited.count <= Self.maxSymbolTableNodes else {
            throw fail("a group's symbol nodes repeat")
        }
        let head = try file.readBytes(at: start, count: Swift.min(8, format.byteCount - start), what: what)
        guard head.count == 8, head.starts(with: Array("SNOD".utf8)), head[4] == 1 else {
            throw fail("a group's symbol node has no valid header")
        }
        let count = Int(littleEndian(head, 6, 2))
        let entries = try file.readBytes(at: start + 8, count: count * entrySize, what: what)
        for entry in 0..<count {
            let offset = littleEndian(entries, entry * entrySize, o)
            guard offset < UInt64(names.count), names[Int(offset)...].contains(0) else {
                throw fail("a group member's name lies outside the group's local heap")
            }
        }
    }
}
