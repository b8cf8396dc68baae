import Foundation
import LearnCore

extension HDF5File {
    /// Writes a file so that a crash or power loss at any moment leaves either the previous file or
    /// the new one at `path`, never a torn mix. `body` fills a temporary file in the target's folder;
    /// it is flushed, closed, given the previous file's permission bits, `fsync`ed, renamed over the
    /// target, and the folder is `fsync`ed so the rename itself is on disk.
    ///
    /// A `path` that is a symbolic link (or a chain of them) is written through: the file it points to
    /// is replaced and the link stays a link. Temporary files that a killed save left beside the same
    /// target are removed once their process is gone. On any failure the temporary file is removed and
    /// whatever was at `path` before is left untouched.
    /// - Throws: `LearnError/io(path:reason:)` naming the step that failed (creating the temporary
    ///   file, writing, syncing, moving it into place); errors thrown by `body` otherwise unchanged.
    public static func writeAtomically(to path: String, _ body: (HDF5File) throws -> Void) throws {
        let save = try AtomicSave(path: path)
        save.removeStaleTemporaries()
        let temporary = try save.createTemporary()
        do {
            defer { save.release(temporary) }
            try save.write(temporary, body)
            try save.finish(temporary)
            try save.moveIntoPlace(temporary)
        } catch {
            unlink(temporary.path)
            throw error
        }
        try save.syncFolder()
    }
}

/// One atomic save: where the new file goes and the steps that put it there.
struct AtomicSave {
    /// The path the caller gave; errors name it.
    let requested: String
    /// `requested` with its symbolic links followed: the file that is replaced.
    let target: String
    /// The target's folder, where the temporary file is written (a rename cannot cross folders).
    let folder: String
    /// The target's file name.
    let name: String

    /// The temporary file of this save, held open from creation so it can be synced whatever its mode.
    struct Temporary {
        let path: String
        /// Closed by `HDF5File.writeAtomically` when the save ends, whichever way.
        let descriptor: Int32
        /// The permission bits the finished file gets: the previous file's, or the umask default.
        let finalMode: mode_t
    }

    /// Symbolic links followed before giving up, as the kernel's own limit (`ELOOP`).
    private static let maxLinks = 40
    private static let marker = ".swiftlearn-"

    init(path: String) throws {
        requested = path
        target = try Self.followLinks(path)
        guard let (folder, name) = Self.split(target) else {
            throw LearnError.io(path: path, reason: "the path names a folder, not a file")
        }
        (self.folder, self.name) = (folder, name)
    }

    // MARK: Paths

    /// The folder and file name of `path`; nil when there is no file name (`dir/`, `.`, `..`).
    static func split(_ path: String) -> (folder: String, name: String)? {
        let folder: String, name: String
        if let slash = path.lastIndex(of: "/") {
            let head = String(path[..<slash])
            (folder, name) = (head.isEmpty ? "/" : head, String(path[path.index(after: slash)...]))
        } else {
            (folder, name) = (".", path)
        }
        return ["", ".", ".."].contains(name) ? nil : (folder, name)
    }

    /// `path` with every symbolic link in its last component followed; a relative link is read relative
    /// to the folder holding it. A dangling link yields the missing file it points to.
    static func followLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<maxLinks {
            var info = stat()
            // Anything but a readable link (missing file, unreachable folder) is the target; creating
            // the temporary file then says what is wrong with its folder.
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            let destination = try readLink(current, requested: path)
            current = destination.hasPrefix("/") ? destination : (split(current)?.folder ?? ".") + "/" + destination
        }
        throw LearnError.io(path: path, reason: "too many levels of symbolic links (more than \(maxLinks))")
    }

    private static func readLink(_ link: String, requested: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count)
        guard count >= 0, count < buffer.count else {
            throw LearnError.io(path: requested, reason: "cannot read the symbolic link \(link) (\(systemError()))")
        }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The current `errno` as text.
    static func systemError(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// The error for a failed step: what failed, then the system's reason.
    func failure(_ step: String, code: Int32 = errno) -> LearnError {
        LearnError.io(path: requested, reason: "\(step) (\(Self.systemError(code)))")
    }

    // MARK: Temporary files

    /// `.NAME.swiftlearn-PID-XXXXXXXX.tmp`: hidden, tied to the target's name and to the writing
    /// process, so a later save can tell a dead process's leftover from a live save.
    func temporaryName(pid: Int32, token: String) -> String { ".\(name)\(Self.marker)\(pid)-\(token).tmp" }

    /// The process id in `entry` when it is exactly one of this target's temporary names.
    func temporaryOwner(_ entry: String) -> Int32? {
        let prefix = ".\(name)\(Self.marker)", suffix = ".tmp"
        guard entry.hasPrefix(prefix), entry.hasSuffix(suffix), entry.count > prefix.count + suffix.count else {
            return nil
        }
        let middle = entry.dropFirst(prefix.count).dropLast(suffix.count)
            .split(separator: "-", omittingEmptySubsequences: false)
        guard middle.count == 2, middle[1].count == 8, middle[1].allSatisfy(\.isHexDigit),
            let pid = Int32(middle[0]), pid > 0, "\(pid)" == middle[0]
        else { return nil }
        return pid
    }

    /// Removes this target's temporary files whose process no longer exists (`kill -9` in mid-save).
    /// Best effort: a folder that cannot be listed is reported by the save itself.
    func removeStaleTemporaries() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            guard let pid = temporaryOwner(entry), kill(pid, 0) == -1, errno == ESRCH else { continue }
            unlink(folder + "/" + entry)
        }
    }

    /// Creates this save's temporary file, owned and permitted like the file it replaces.
    func createTemporary() throws -> Temporary {
        let path = folder + "/" + temporaryName(pid: getpid(), token: String(UUID().uuidString.prefix(8)))
        var previous = stat()
        let replacesFile = stat(target, &previous) == 0 && previous.st_mode & S_IFMT == S_IFREG
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, replacesFile ? 0o600 : 0o666)
        guard descriptor >= 0 else { throw creationError(errno) }
        var created = stat()
        // In the failure branches the error is made first: unlink and close change errno.
        guard fstat(descriptor, &created) == 0 else {
            let error = failure("cannot create the temporary file \(path)")
            unlink(path)
            close(descriptor)
            throw error
        }
        // Only root can give a file away; anyone else's save belongs to them, as an editor's would. Best
        // effort: a filesystem without owners (FAT, some network mounts) must not stop the save.
        if replacesFile, geteuid() == 0, previous.st_uid != created.st_uid || previous.st_gid != created.st_gid {
            _ = fchown(descriptor, previous.st_uid, previous.st_gid)
        }
        // libhdf5 reopens the file by name, so the owner needs read and write until it is finished.
        let finalMode = (replacesFile ? previous.st_mode : created.st_mode) & 0o777
        guard fchmod(descriptor, finalMode | 0o600) == 0 else {
            let error = failure("cannot set the temporary file's permissions")
            unlink(path)
            close(descriptor)
            throw error
        }
        return Temporary(path: path, descriptor: descriptor, finalMode: finalMode)
    }

    /// Why the temporary file could not be created, in the user's terms.
    private func creationError(_ code: Int32) -> LearnError {
        let reason: String
        switch code {
        case ENOENT where target != requested:
            reason = "the symbolic link points to \(target), whose folder \(folder) does not exist"
        case ENOENT: reason = "the folder \(folder) does not exist"
        case ENOTDIR: reason = "\(folder) is not a folder (part of the path is a file)"
        case EACCES, EPERM, EROFS: reason = "the folder \(folder) is not writable (\(Self.systemError(code)))"
        default: reason = "\(Self.systemError(code)) in \(folder)"
        }
        return LearnError.io(path: requested, reason: "cannot create the temporary file: \(reason)")
    }

    // MARK: Steps

    /// Runs `body` on the temporary file and closes it; libhdf5 failures name the target, not the temporary.
    func write(_ temporary: Temporary, _ body: (HDF5File) throws -> Void) throws {
        do {
            let file = try HDF5File.create(temporary.path)
            do {
                try body(file)
                try file.flush()
                try file.close()
            } catch {
                try? file.close()
                throw error
            }
        } catch let LearnError.io(path, reason) where path == temporary.path {
            throw LearnError.io(path: requested, reason: "cannot write the temporary file: \(reason)")
        }
    }

    /// Gives the finished file its final permissions and forces its bytes to disk before the rename
    /// makes it visible; otherwise a power loss could leave the new name pointing at unwritten blocks.
    func finish(_ temporary: Temporary) throws {
        let descriptor = temporary.descriptor
        if temporary.finalMode & 0o600 != 0o600 { // owner access was added for libhdf5; take it back
            guard fchmod(descriptor, temporary.finalMode) == 0 else {
                throw failure("cannot set the new file's permissions")
            }
        }
        guard fsync(descriptor) == 0 else {
            throw failure("cannot sync the temporary file to disk")
        }
    }

    /// Closes the temporary file's descriptor (the file itself stays until renamed or removed).
    func release(_ temporary: Temporary) { close(temporary.descriptor) }

    /// Renames the finished file over the target: the one step that switches old for new, atomically.
    func moveIntoPlace(_ temporary: Temporary) throws {
        guard rename(temporary.path, target) == 0 else {
            throw failure("cannot move the finished file into place" + (target == requested ? "" : " at \(target)"))
        }
    }

    /// Syncs the folder so the rename survives a power loss. Filesystems that cannot sync a folder
    /// (`EINVAL`) are accepted as they are.
    func syncFolder() throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let code: Int32 = descriptor < 0 ? errno : (fsync(descriptor) == 0 ? 0 : errno)
        if descriptor >= 0 { close(descriptor) }
        guard code != 0, code != EINVAL else { return }
        throw failure(
            "the new file is in place but syncing its folder \(folder) failed, so it may not survive "
                + "a power loss", code: code)
    }
}
