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
public final class HDF5File: @unchecked Sendable { // the handle is only used from the owning thread
    /// The path the file was opened or created at.
    public let path: String
    /// The bounds every read from this file is checked against before it allocates (`ResourceLimits`).
    public let limits: ResourceLimits
    let id: hid_t
    let isWritable: Bool
    private var isOpen = true

    private init(path: String, id: hid_t, writable: Bool, limits: ResourceLimits) {
        self.path = path
        self.id = id
        self.isWritable = writable
        self.limits = limits
    }

    deinit { try? close() }

    /// Creates (or truncates) a file for writing. Close it (or drop the last reference) before the
    /// process exits: libhdf5 does not close files at exit here. Saves should use ``writeAtomically(to:_:)``.
    /// - Throws: `LearnError/io(path:reason:)` when it cannot be created (missing folder, no permission, …).
    public static func create(_ path: String) throws -> HDF5File {
        HDF5Library.prepare()
        let id = try HDF5Library.check(
            H5Fcreate(path, swiftlearn_h5f_acc_trunc(), hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))
        ) {
            LearnError.io(path: path, reason: "cannot create the HDF5 file (\($0))")
        }
        return HDF5File(path: path, id: id, writable: true, limits: .standard)
    }

    /// Opens an existing file, read-only unless `writable`. Every array and string read from it is
    /// checked against `limits` before anything is allocated.
    /// - Throws: `LearnError/io(path:reason:)` for a missing or unreadable file;
    ///   `LearnError/corruptFile(path:reason:)` for a file that is not valid HDF5.
    public static func open(_ path: String, writable: Bool = false, limits: ResourceLimits = .standard) throws
        -> HDF5File
    {
        HDF5Library.prepare()
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw LearnError.io(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw LearnError.io(path: path, reason: "is a folder, not a file")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw LearnError.io(path: path, reason: "not a regular file (a device, a pipe or a socket)")
        }
        guard H5Fis_hdf5(path) > 0 else {
            _ = H5Eclear2(hid_t(H5E_DEFAULT))
            throw LearnError.corruptFile(path: path, reason: "not an HDF5 file (no HDF5 signature)")
        }
        if !writable { try HDF5HeaderCheck.checkRoot(path: path, limits: limits) }
        let flags = writable ? swiftlearn_h5f_acc_rdwr() : swiftlearn_h5f_acc_rdonly()
        let id = try HDF5Library.check(H5Fopen(path, flags, hid_t(H5P_DEFAULT))) {
            LearnError.corruptFile(path: path, reason: "cannot open the HDF5 file (\($0))")
        }
        return HDF5File(path: path, id: id, writable: writable, limits: limits)
    }

    /// The root group `/`.
    public var root: HDF5Group { get throws { try HDF5Group(file: self, path: "/") } }

    /// Writes buffered data to disk.
    public func flush() throws {
        try HDF5Library.check(H5Fflush(id, H5F_SCOPE_GLOBAL)) {
            LearnError.io(path: path, reason: "cannot flush (\($0))")
        }
    }

    /// Closes the file; later calls do nothing.
    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        try HDF5Library.check(H5Fclose(id)) { LearnError.io(path: path, reason: "cannot close (\($0))") }
    }
}
