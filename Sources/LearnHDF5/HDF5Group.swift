@preconcurrency import CHDF5
import Foundation
import LearnCore

/// A group in an open ``HDF5File``: child groups, datasets and attributes.
public final class HDF5Group: @unchecked Sendable { // the handle is only used from the owning thread
    /// The file the group belongs to (kept open while the group is alive).
    public let file: HDF5File
    /// The group's absolute path, e.g. `/model_weights/dense`.
    public let path: String
    let id: hid_t

    init(file: HDF5File, path: String) throws {
        self.file = file
        self.path = path
        id = try HDF5Library.check(H5Gopen2(file.id, path, hid_t(H5P_DEFAULT))) {
            LearnError.corruptFile(path: file.path, reason: "missing group \(path) (\($0))")
        }
    }

    deinit { H5Gclose(id) }

    func child(_ name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

    func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: file.path, reason: reason) }

    /// Creates a child group (parents must exist).
    @discardableResult
    public func createGroup(_ name: String) throws -> HDF5Group {
        let created = try HDF5Library.check(
            H5Gcreate2(id, name, hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT), hid_t(H5P_DEFAULT))
        ) {
            LearnError.io(path: self.file.path, reason: "cannot create group \(self.child(name)) (\($0))")
        }
        H5Gclose(created)
        return try HDF5Group(file: file, path: child(name))
    }

    /// Opens a child group.
    /// - Throws: `LearnError/corruptFile(path:reason:)` when it does not exist.
    public func group(_ name: String) throws -> HDF5Group {
        guard contains(name) else { throw corrupt("missing group \(child(name))") }
        let kind = try checkedChild(name)
        guard kind != .link else {
            throw corrupt("\(child(name)) is a soft or external link, which SwiftLearn does not follow")
        }
        guard kind == .group else { throw corrupt("\(child(name)) is a dataset, not a group") }
        return try HDF5Group(file: file, path: child(name))
    }

    /// Whether a child (group or dataset) called `name` exists.
    public func contains(_ name: String) -> Bool {
        let exists = H5Lexists(id, name, hid_t(H5P_DEFAULT)) > 0
        _ = H5Eclear2(hid_t(H5E_DEFAULT))
        return exists
    }

    /// The names of the children, sorted.
    public func memberNames() throws -> [String] {
        var info = H5G_info_t()
        try HDF5Library.check(H5Gget_info(id, &info)) { self.corrupt("cannot list \(self.path) (\($0))") }
        return try (0..<info.nlinks).map { index in
            let length = H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, hid_t(H5P_DEFAULT))
            guard length >= 0 else { throw corrupt("cannot list \(path) (\(HDF5Library.errorStackMessage()))") }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            _ = H5Lget_name_by_idx(
                id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, hid_t(H5P_DEFAULT))
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }.sorted()
    }

    /// Whether the child `name` is a hard link to an object SwiftLearn can open — the only kind it
    /// follows: soft links may form cycles and external links would open other files named by the file.
    public func isHardLink(_ name: String) -> Bool {
        guard contains(name), let kind = try? checkedChild(name) else { return false }
        return kind != .link
    }

    /// Whether the child `name` is a group (as opposed to a dataset) reached by a hard link.
    public func isGroup(_ name: String) -> Bool {
        contains(name) && (try? checkedChild(name)) == .group
    }

    /// What a child link leads to.
    enum ChildKind { case group, dataset, other, link }

    /// The kind of the existing child `name`. For a hard link in a file opened for reading, the object
    /// header is checked (``HDF5HeaderCheck``) before libhdf5 opens it: a header chunk declared larger
    /// than the file made libhdf5 allocate gigabytes.
    func checkedChild(_ name: String) throws -> ChildKind {
        var info = H5L_info_t()
        let status = H5Lget_info(id, name, &info, hid_t(H5P_DEFAULT))
        _ = H5Eclear2(hid_t(H5E_DEFAULT))
        guard status >= 0, info.type == H5L_TYPE_HARD else { return .link }
        if !file.isWritable {
            try HDF5HeaderCheck(file: file, format: try file.format, what: "the object header of \(child(name))")
                .check(address: UInt64(info.u.address))
        }
        let object = H5Oopen(id, name, hid_t(H5P_DEFAULT))
        guard object >= 0 else { throw corrupt("cannot open \(child(name)) (\(HDF5Library.errorStackMessage()))") }
        defer { H5Oclose(object) }
        switch H5Iget_type(object) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }
}
