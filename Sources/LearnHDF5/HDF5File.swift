@preconcurrency import CHDF5
import Foundation
import LearnCore

/// An open HDF5 file. Closing is automatic when the last reference goes away; ``close()`` closes early.
///
/// ```swift
/// let file = try HDF5File.create("weights.h5")
/// try file.root.write([1.0, 2.0, 3.0, 4.0], shape: [2, 2], to: "kernel")
/// try file.root.setAttribute("name", .string("dense"))
/// ```
public final class HDF5File: @unchecked Sendable {  // the handle is only used from the owning thread
    /// The path the file was opened or created at.
    public let path: String
    let id: hid_t
    private var isOpen = true

    private init(path: String, id: hid_t) {
        self.path = path
        self.id = id
    }

    deinit { try? close() }

    /// Creates (or truncates) a file for writing. Close it (or drop the last reference) before the
    /// process exits: libhdf5 does not close files at exit here. Saves should use ``writeAtomically(to:_:)``.
    /// - Throws: `LearnError/io(path:reason:)` when it cannot be created (missing folder, no permission, …).
    public static func create(_ path: String) throws -> HDF5File {
        _ = HDF5Library.ready
        let id = try HDF5Library.check(H5Fcreate(path, swiftlearn_h5f_acc_trunc(), hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))) {
            LearnError.io(path: path, reason: "cannot create the HDF5 file (\($0))")
        }
        return HDF5File(path: path, id: id)
    }

    /// Opens an existing file, read-only unless `writable`.
    /// - Throws: `LearnError/io(path:reason:)` for a missing or unreadable file;
    ///   `LearnError/corruptFile(path:reason:)` for a file that is not valid HDF5.
    public static func open(_ path: String, writable: Bool = false) throws -> HDF5File {
        _ = HDF5Library.ready
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LearnError.io(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw LearnError.io(path: path, reason: "is a folder, not a file") }
        guard H5Fis_hdf5(path) > 0 else {
            _ = H5Eclear2(hid_t(H5E_DEFAULT))
            throw LearnError.corruptFile(path: path, reason: "not an HDF5 file (no HDF5 signature)")
        }
        let flags = writable ? swiftlearn_h5f_acc_rdwr() : swiftlearn_h5f_acc_rdonly()
        let id = try HDF5Library.check(H5Fopen(path, flags, hid_t(H5P_DEFAULT))) {
            LearnError.corruptFile(path: path, reason: "cannot open the HDF5 file (\($0))")
        }
        return HDF5File(path: path, id: id)
    }

    /// The root group `/`.
    public var root: HDF5Group { get throws { try HDF5Group(file: self, path: "/") } }

    /// Writes buffered data to disk.
    public func flush() throws {
        try HDF5Library.check(H5Fflush(id, H5F_SCOPE_GLOBAL)) { LearnError.io(path: path, reason: "cannot flush (\($0))") }
    }

    /// Closes the file; later calls do nothing.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        try HDF5Library.check(H5Fclose(id)) { LearnError.io(path: path, reason: "cannot close (\($0))") }
    }
}
