import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnPreprocessing
import Testing

/// Damaged, foreign and unwritable files give the library error, never a crash or a partial file.
@Suite struct DamageTests {
    static func savedModel() throws -> (path: String, bytes: Data, model: LogisticRegression) {
        let (X, y) = try makeClassification(nSamples: 80, nFeatures: 4, randomState: 9)
        var model = LogisticRegression()
        try model.fit(X, y)
        let path = scratchFolder() + "/model.h5"
        try model.save(to: path)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)), model)
    }

    @Test func truncatedAndScrambledFilesAreRejected() throws {
        let (_, bytes, _) = try Self.savedModel()
        let folder = scratchFolder()
        let offsets = [0, 1, 8, 64, 256, 512, 1024, bytes.count / 2, bytes.count - 100, bytes.count - 1]
        for offset in offsets where offset < bytes.count {
            let path = folder + "/truncated-\(offset).h5"
            try bytes.prefix(offset).write(to: URL(fileURLWithPath: path))
            #expect(throws: LearnError.self, "truncated at \(offset)") { try LogisticRegression.load(from: path) }
        }
        var rng = RandomState(seed: 5)
        for trial in 0..<5 {
            var scrambled = bytes
            for _ in 0..<64 {
                let position = try rng.randint(low: 0, high: scrambled.count)
                scrambled[position] = UInt8(try rng.randint(256))
            }
            let path = folder + "/scrambled-\(trial).h5"
            try scrambled.write(to: URL(fileURLWithPath: path))
            // Either the damage hit unused bytes (then the model loads whole) or it is reported.
            if let loaded = try? LogisticRegression.load(from: path) { #expect(loaded.coef?.isFinite == true) }
        }
        let random = folder + "/random.h5"
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255) }).write(to: URL(fileURLWithPath: random))
        #expect(throws: LearnError.corruptFile(path: random, reason: "not an HDF5 file (no HDF5 signature)")) {
            try LogisticRegression.load(from: random)
        }
    }

    @Test func wrongClassMissingDatasetAndWrongShapeAreRejected() throws {
        let (path, _, _) = try Self.savedModel()
        #expect(throws: LearnError.corruptFile(path: path, reason: "the file holds a LogisticRegression, not a Ridge"))
        {
            try Ridge.load(from: path)
        }
        let folder = scratchFolder()
        let missing = folder + "/missing-dataset.h5"
        try HDF5File.writeAtomically(to: missing) { file in
            let root = try file.root
            try root.setAttribute("swiftlearn_class", .string("LinearRegression"))
            try root.setAttribute("swiftlearn_format_version", .int(1))
            try root.setAttribute("fitIntercept", .bool(true))
            try root.write([1.0, 2.0], shape: [2], to: "coef")
        }
        #expect(throws: LearnError.corruptFile(path: missing, reason: "missing dataset /intercept")) {
            try LinearRegression.load(from: missing)
        }
        let shape = folder + "/wrong-shape.h5"
        try HDF5File.writeAtomically(to: shape) { file in
            let root = try file.root
            try root.setAttribute("swiftlearn_class", .string("LinearRegression"))
            try root.setAttribute("swiftlearn_format_version", .int(1))
            try root.setAttribute("fitIntercept", .bool(true))
            try root.write([1.0, 2.0, 3.0, 4.0], shape: [2, 2], to: "coef")
            try root.write([0.5], shape: [], to: "intercept")
        }
        #expect(
            throws: LearnError.corruptFile(path: shape, reason: "dataset /coef has shape [2, 2], expected a vector")
        ) {
            try LinearRegression.load(from: shape)
        }
        let future = folder + "/future.h5"
        try HDF5File.writeAtomically(to: future) { file in
            let root = try file.root
            try root.setAttribute("swiftlearn_class", .string("LinearRegression"))
            try root.setAttribute("swiftlearn_format_version", .int(99))
        }
        #expect(throws: LearnError.self) { try LinearRegression.load(from: future) }
        #expect(throws: LearnError.io(path: folder + "/absent.h5", reason: "no such file")) {
            try Ridge.load(from: folder + "/absent.h5")
        }
    }

    @Test func failedSavesLeaveThePreviousFileIntactAndNoLeftovers() throws {
        let (path, bytes, model) = try Self.savedModel()
        // A path whose parent is a regular file cannot be written, even by root.
        #expect(throws: LearnError.self) { try model.save(to: path + "/inside.h5") }
        // A save that fails midway (here: an invalid dataset name) keeps the previous file byte for byte.
        #expect(throws: LearnError.self) {
            try HDF5File.writeAtomically(to: path) { file in
                try file.root.write([1.0], shape: [1], to: "ok")
                try file.root.write([1.0], shape: [1], to: "ok") // duplicate name: HDF5 refuses
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.h5"])
    }
}
