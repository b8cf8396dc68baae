import Foundation
import LearnCore
import LearnHDF5
import Testing

/// `HDF5File.writeAtomically`: write-through symbolic links, kept permissions, stale temporary files
/// of dead processes removed, and a message naming the step for every failure.
@Suite struct AtomicSaveTests {
    /// Saves a file whose only content is the attribute `version`.
    static func save(_ version: Int, to path: String) throws {
        try HDF5File.writeAtomically(to: path) { file in try file.root.setAttribute("version", .int(Int64(version))) }
    }

    static func version(at path: String) throws -> Int64? {
        guard case let .int(version) = try HDF5File.open(path).root.attribute("version") else { return nil }
        return version
    }

    static func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The process id of a process that has exited and been reaped.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let (links, targets) = (scratchFolder(), scratchFolder())
        let (link, real) = (links + "/model.h5", targets + "/real.h5")
        try Self.save(1, to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try Self.save(2, to: link)
        #expect(Self.isLink(link))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try Self.version(at: real) == 2)
        // The temporary file and the rename happen in the target's folder; nothing is left in either.
        #expect(try Self.entries(links) == ["model.h5"])
        #expect(try Self.entries(targets) == ["real.h5"])
    }

    @Test func relativeAndChainedLinksAreFollowedFromTheirOwnFolders() throws {
        let root = scratchFolder()
        for folder in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try Self.save(1, to: root + "/b/real.h5")
        // a/first → ../b/second (relative to a/), b/second → real.h5 (relative to b/, not to a/ or the cwd).
        try FileManager.default.createSymbolicLink(atPath: root + "/a/first", withDestinationPath: "../b/second")
        try FileManager.default.createSymbolicLink(atPath: root + "/b/second", withDestinationPath: "real.h5")
        try Self.save(2, to: root + "/a/first")
        #expect(Self.isLink(root + "/a/first") && Self.isLink(root + "/b/second"))
        #expect(try Self.version(at: root + "/b/real.h5") == 2)
        #expect(try Self.entries(root + "/a") == ["first"])
        #expect(try Self.entries(root + "/b") == ["real.h5", "second"])
    }

    @Test func aDanglingLinkCreatesTheFileItPointsTo() throws {
        let folder = scratchFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/model.h5", withDestinationPath: "sub/new.h5")
        try Self.save(3, to: folder + "/model.h5")
        #expect(Self.isLink(folder + "/model.h5"))
        #expect(try Self.version(at: folder + "/sub/new.h5") == 3)
        #expect(try Self.entries(folder + "/sub") == ["new.h5"])
    }

    @Test func aDanglingLinkIntoAMissingFolderOrALoopIsAClearError() throws {
        let folder = scratchFolder()
        let link = folder + "/model.h5"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "gone/new.h5")
        let expected =
            "cannot create the temporary file: the symbolic link points to \(folder)/gone/new.h5, "
            + "whose folder \(folder)/gone does not exist"
        #expect(throws: LearnError.io(path: link, reason: expected)) { try Self.save(1, to: link) }
        let (first, second) = (folder + "/first.h5", folder + "/second.h5")
        try FileManager.default.createSymbolicLink(atPath: first, withDestinationPath: second)
        try FileManager.default.createSymbolicLink(atPath: second, withDestinationPath: first)
        #expect(throws: LearnError.io(path: first, reason: "too many levels of symbolic links (more than 40)")) {
            try Self.save(1, to: first)
        }
        #expect(try Self.entries(folder) == ["first.h5", "model.h5", "second.h5"])
    }

    @Test func theTargetsPermissionsAndOwnerAreKept() throws {
        let folder = scratchFolder()
        let (shared, locked) = (folder + "/shared.h5", folder + "/locked.h5")
        for (path, mode) in [(shared, mode_t(0o640)), (locked, mode_t(0o400))] {
            try Self.save(1, to: path)
            #expect(chmod(path, mode) == 0)
            try Self.save(2, to: path)
            #expect(Self.mode(path) == mode)
            #expect(try Self.version(at: path) == 2)
        }
        if geteuid() == 0 { // only root can give a file away, so only then is the owner kept
            #expect(chown(shared, 1234, 4321) == 0)
            try Self.save(3, to: shared)
            var info = stat()
            #expect(stat(shared, &info) == 0 && info.st_uid == 1234 && info.st_gid == 4321)
            #expect(info.st_mode & 0o777 == 0o640)
        }
    }

    @Test func aNewFileGetsTheUmaskDefault() throws {
        let folder = scratchFolder()
        // The default is whatever open(2) makes of 0o666 under this process's umask.
        let reference = folder + "/reference"
        let descriptor = open(reference, O_WRONLY | O_CREAT | O_EXCL, 0o666)
        #expect(descriptor >= 0)
        close(descriptor)
        try Self.save(1, to: folder + "/new.h5")
        #expect(Self.mode(folder + "/new.h5") == Self.mode(reference))
    }

    @Test func staleTemporaryFilesOfDeadProcessesAreRemovedAndNothingElse() throws {
        let folder = scratchFolder()
        let (dead, live) = (try Self.deadProcessID(), getpid())
        let stale = [".model.h5.swiftlearn-\(dead)-0A1B2C3D.tmp", ".model.h5.swiftlearn-\(dead)-FFFFFFFF.tmp"]
        let kept = [
            ".model.h5.swiftlearn-\(live)-0A1B2C3D.tmp", // a live process's save in progress
            ".other.h5.swiftlearn-\(dead)-0A1B2C3D.tmp", // another target's
            ".model.h5.swiftlearn-\(dead)-0A1B2C3D.tmp.keep", // not our exact pattern
            ".model.h5.swiftlearn-\(dead)-0A1B2C.tmp",
            ".model.h5.swiftlearn-0\(dead)-0A1B2C3D.tmp",
            ".model.h5.swiftlearn--0A1B2C3D.tmp",
            "model.h5.swiftlearn-\(dead)-0A1B2C3D.tmp",
            "notes.txt"
        ]
        for name in stale + kept {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)))
        }
        try Self.save(1, to: folder + "/model.h5")
        #expect(try Self.entries(folder) == (kept + ["model.h5"]).sorted())
    }

    @Test func eachFailureSaysWhatFailedAndKeepsThePreviousFile() throws {
        let folder = scratchFolder()
        let path = folder + "/model.h5"
        try Self.save(1, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let notAFolder = "cannot create the temporary file: \(path) is not a folder (part of the path is a file)"
        #expect(throws: LearnError.io(path: path + "/inside.h5", reason: notAFolder)) {
            try Self.save(2, to: path + "/inside.h5")
        }
        let missing = "cannot create the temporary file: the folder \(folder)/none does not exist"
        #expect(throws: LearnError.io(path: folder + "/none/model.h5", reason: missing)) {
            try Self.save(2, to: folder + "/none/model.h5")
        }
        #expect(throws: LearnError.io(path: folder + "/", reason: "the path names a folder, not a file")) {
            try Self.save(2, to: folder + "/")
        }
        // libhdf5 refuses a duplicate dataset name midway through the body.
        let written = #expect(throws: LearnError.self) {
            try HDF5File.writeAtomically(to: path) { file in
                try file.root.write([1.0], shape: [1], to: "ok")
                try file.root.write([1.0], shape: [1], to: "ok")
            }
        }
        guard case let .io(writtenPath, reason) = written else {
            Issue.record("\(String(describing: written))")
            return
        }
        #expect(writtenPath == path && reason.hasPrefix("cannot write the temporary file: cannot create dataset /ok"))
        // A folder in the target's place: everything is written, then the rename is refused.
        let occupied = folder + "/occupied.h5"
        try FileManager.default.createDirectory(atPath: occupied + "/inner", withIntermediateDirectories: true)
        let refused = "cannot move the finished file into place (Is a directory)"
        #expect(throws: LearnError.io(path: occupied, reason: refused)) {
            try Self.save(2, to: occupied)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try Self.entries(folder) == ["model.h5", "occupied.h5"])
    }
}
