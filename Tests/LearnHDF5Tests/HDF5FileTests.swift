import Foundation
import LearnCore
import LearnHDF5
import Testing

/// Where tests leave the files that `Benchmarks/Interop/check_files.py` opens with h5py
/// (`SWIFTLEARN_INTEROP_DIR`, default `/tmp/swiftlearn-interop`).
enum InteropFolder {
    static let path: String = {
        let path = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// A fresh folder for one test.
func scratchFolder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlearn-hdf5-\(UUID().uuidString)")
        .path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The HDF5 layer: datasets of every type and shape, strings, attributes, groups.
@Suite struct HDF5FileTests {
    @Test func datasetsOfEveryTypeRoundTrip() throws {
        try writeAndCheck(InteropFolder.file("types.h5"))
    }

    private func writeAndCheck(_ path: String) throws {
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.write([1.5, -2.25, 3, 4, 5, 6], shape: [2, 3], to: "float64")
            try root.write([Float(0.5), 1.5], shape: [2], to: "float32")
            try root.write([Int32(-7), 8, 9, 10], shape: [2, 1, 2], to: "int32")
            try root.write([Int64.max, Int64.min], shape: [2], to: "int64")
            try root.write([UInt8(0), 255], shape: [2], to: "uint8")
            try root.write([42.0], shape: [], to: "scalar")
            try root.write((0..<10_000).map(Double.init), shape: [100, 100], to: "compressed", compression: 4)
            try root.writeStrings(["alpha", "βeta", ""], to: "strings")
            try root.writeStrings(["ab", "c"], to: "fixed_strings", fixedLength: 4)
            let group = try root.createGroup("nested")
            try group.createGroup("deeper").write([Float(1)], shape: [1], to: "leaf")
            try root.setAttribute("swiftlearn_class", .string("TypesTest"))
            try root.setAttribute("count", .int(3))
            try root.setAttribute("ratio", .double(0.25))
            try root.setAttribute("flag", .bool(true))
            try root.setAttribute("sizes", .ints([1, 2, 3]))
            try root.setAttribute("range", .doubles([-1, 1]))
            try root.setAttribute("names", .strings(["a", "b"]))
        }
        let file = try HDF5File.open(path)
        let root = try file.root
        #expect(try root.read(Double.self, from: "float64").shape == [2, 3])
        #expect(try root.read(Double.self, from: "float64").values == [1.5, -2.25, 3, 4, 5, 6])
        #expect(try root.read(Float.self, from: "float32").values == [0.5, 1.5])
        #expect(try root.read(Int32.self, from: "int32") == ([2, 1, 2], [-7, 8, 9, 10]))
        #expect(try root.read(Int64.self, from: "int64").values == [Int64.max, Int64.min])
        #expect(try root.read(UInt8.self, from: "uint8").values == [0, 255])
        #expect(try root.read(Double.self, from: "scalar") == ([], [42]))
        #expect(try root.read(Double.self, from: "compressed").values == (0..<10_000).map(Double.init))
        #expect(try root.readStrings("strings") == ["alpha", "βeta", ""])
        #expect(try root.readStrings("fixed_strings") == ["ab", "c"])
        #expect(throws: LearnError.self) { try root.writeStrings(["too long"], to: "x", fixedLength: 3) }
        #expect(try root.group("nested").group("deeper").read(Float.self, from: "leaf").values == [1])
        #expect(
            try root.memberNames() == [
                "compressed", "fixed_strings", "float32", "float64", "int32", "int64", "nested", "scalar", "strings",
                "uint8"
            ])
        #expect(root.isGroup("nested") && !root.isGroup("float64"))
        #expect(try root.attribute("count") == .int(3))
        #expect(try root.attribute("ratio") == .double(0.25))
        #expect(try root.attribute("flag") == .bool(true))
        #expect(try root.attribute("sizes") == .ints([1, 2, 3]))
        #expect(try root.attribute("range") == .doubles([-1, 1]))
        #expect(try root.attribute("names") == .strings(["a", "b"]))
        #expect(try root.attributeNames().contains("swiftlearn_class"))
        #expect(try root.datasetInfo("int32") == HDF5DatasetInfo(shape: [2, 1, 2], typeName: "int32"))
    }

    @Test func readingTheWrongThingThrowsClearErrors() throws {
        let path = scratchFolder() + "/types.h5"
        try writeAndCheck(path)
        let root = try HDF5File.open(path).root
        #expect(throws: LearnError.corruptFile(path: path, reason: "dataset /float32 holds float32, expected float64"))
        {
            try root.read(Double.self, from: "float32")
        }
        #expect(throws: LearnError.corruptFile(path: path, reason: "missing dataset /nothing")) {
            try root.read(Double.self, from: "nothing")
        }
        #expect(
            throws: LearnError.corruptFile(path: path, reason: "dataset /float64 has shape [2, 3], expected [3, 2]")
        ) {
            try root.read(Double.self, from: "float64", shape: [3, 2])
        }
        #expect(throws: LearnError.corruptFile(path: path, reason: "missing attribute nope on /")) {
            try root.attribute("nope")
        }
        #expect(throws: LearnError.corruptFile(path: path, reason: "/float64 is a dataset, not a group")) {
            try root.group("float64")
        }
        #expect(throws: LearnError.self) { try root.write([1.0, 2.0], shape: [3], to: "bad") }
    }

    @Test func openingMissingOrForeignFilesThrows() throws {
        let folder = scratchFolder()
        let missing = folder + "/missing.h5"
        #expect(throws: LearnError.io(path: missing, reason: "no such file")) { try HDF5File.open(missing) }
        #expect(throws: LearnError.io(path: folder, reason: "is a folder, not a file")) { try HDF5File.open(folder) }
        let text = folder + "/text.h5"
        try "not hdf5 at all".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: LearnError.corruptFile(path: text, reason: "not an HDF5 file (no HDF5 signature)")) {
            try HDF5File.open(text)
        }
    }
}
