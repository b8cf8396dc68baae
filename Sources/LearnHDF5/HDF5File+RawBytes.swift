@preconcurrency import CHDF5
import Foundation
import LearnCore

/// The few facts about a file's on-disk format that reading raw structures needs.
struct HDF5FileFormat {
    /// Bytes per file address (8 in every file h5py and SwiftLearn write).
    var addressSize: Int
    /// Bytes per length field.
    var lengthSize: Int
    /// The offset addresses are relative to (the user block's size).
    var baseAddress: UInt64
    /// The file's size in bytes.
    var byteCount: Int

    /// The absolute file offset of `address`, or nil when it lies outside the file.
    func fileOffset(_ address: UInt64) -> Int? {
        let (offset, overflow) = address.addingReportingOverflow(baseAddress)
        return !overflow && offset < UInt64(byteCount) ? Int(offset) : nil
    }
}

extension HDF5File {
    /// The file's address and length sizes, base address and current size.
    var format: HDF5FileFormat {
        get throws {
            // Raw reads must see what the library still caches — also for a read-only handle that shares
            // the file with a writable one still open in this process (libhdf5 shares one file object).
            if H5Fflush(id, H5F_SCOPE_GLOBAL) < 0 { _ = H5Eclear2(hid_t(H5E_DEFAULT)) }
            let properties = try HDF5Library.check(H5Fget_create_plist(id)) {
                self.corrupt("cannot read the file's properties (\($0))")
            }
            defer { H5Pclose(properties) }
            var addressSize = 0, lengthSize = 0
            var userBlock: hsize_t = 0
            H5Pget_sizes(properties, &addressSize, &lengthSize)
            H5Pget_userblock(properties, &userBlock)
            guard [2, 4, 8].contains(addressSize), [2, 4, 8].contains(lengthSize) else {
                throw corrupt("unsupported address or length size (\(addressSize), \(lengthSize))")
            }
            return HDF5FileFormat(
                addressSize: addressSize, lengthSize: lengthSize, baseAddress: userBlock, byteCount: byteCount)
        }
    }

}

/// Raw reads of a file's bytes, for the structures SwiftLearn checks before libhdf5 decodes them.
protocol RawFileBytes {
    var path: String { get }
    var limits: ResourceLimits { get }
}

extension HDF5File: RawFileBytes {}

/// A file not yet handed to libhdf5 (``HDF5File/open(_:writable:limits:)`` checks it first).
struct RawFile: RawFileBytes {
    let path: String
    let limits: ResourceLimits
}

extension RawFileBytes {
    /// The file's current size on disk.
    var byteCount: Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// `count` bytes at absolute offset `offset`, which must lie inside the file.
    func readBytes(at offset: Int, count: Int, what: String) throws -> [UInt8] {
        let size = byteCount
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw corrupt("\(what): \(count) bytes at offset \(offset) lie outside the file of \(size) bytes")
        }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw LearnError.io(path: path, reason: "cannot reopen for reading (\(String(cString: strerror(errno))))")
        }
        defer { Foundation.close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            guard got > 0 else { throw corrupt("\(what): the file ends inside a structure it declares") }
            done += got
        }
        return bytes
    }

    /// A `corruptFile` error for this file.
    func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: path, reason: reason) }
}
