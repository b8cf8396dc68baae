import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import Testing

/// Files made to hurt a careless reader — by h5py (`Benchmarks/Reference/hostile_hdf5_files.py`) or by
/// patching one field of a saved model — give a `LearnError` naming what is wrong, before any allocation.
@Suite struct UntrustedFileTests {
    static func hostile(_ name: String) throws -> HDF5File {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "h5", subdirectory: "Resources/Hostile"))
        return try HDF5File.open(url.path)
    }

    /// `body` throws a `LearnError` whose message contains `fragment`.
    static func expectError(
        _ fragment: String, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            try body()
            Issue.record("expected an error containing '\(fragment)'", sourceLocation: sourceLocation)
        } catch let error as LearnError {
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a LearnError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func nullDataspacesAreRefused() throws {
        let root = try Self.hostile("null_dataspace").root
        Self.expectError("null dataspace") { _ = try root.attribute("empty") }
        Self.expectError("null dataspace") { _ = try root.read(Double.self, from: "x") }
        Self.expectError("null dataspace") { _ = try root.datasetInfo("x") }
    }

    @Test func declaredSizesAreCheckedBeforeAllocation() throws {
        let root = try Self.hostile("huge_chunked").root
        // 2^40 float64 values in a 5 KB file: over the 4 GiB limit, refused with the limit's name.
        Self.expectError("SWIFTLEARN_MAX_ARRAY_BYTES") { _ = try root.read(Double.self, from: "x") }
        // The expected shape is compared first: the caller's shape wins over the file's claim.
        Self.expectError("expected [2, 16]") { _ = try root.read(Double.self, from: "x", shape: [2, 16]) }
        // 24 MB declared, nothing stored.
        Self.expectError("stores only 0") { _ = try root.read(Double.self, from: "unstored") }
        // 8 MB of unwritten chunks are fill values: allowed, and read as zeros.
        let fill = try root.read(Double.self, from: "fill", shape: [1000, 1000])
        #expect(fill.count == 1_000_000 && fill.allSatisfy { $0 == 0 })
        // A raised limit lets the 24 MB read pass the size check (it is still refused as unstored).
        let small = try HDF5File.open(
            try #require(
                Bundle.module.url(forResource: "huge_chunked", withExtension: "h5", subdirectory: "Resources/Hostile")
            ).path,
            limits: ResourceLimits(maxArrayBytes: 1 << 20))
        Self.expectError("1048576 bytes per array") { _ = try small.root.read(Double.self, from: "fill") }
    }

    @Test func linksAreNotFollowedOutOfTheFileOrInCircles() throws {
        let file = try Self.hostile("links")
        let root = try file.root
        #expect(!root.isGroup("elsewhere") && !root.isGroup("soft_cycle"))
        Self.expectError("/elsewhere is a soft or external link") { _ = try root.group("elsewhere") }
        Self.expectError("missing dataset /soft_cycle") { _ = try root.read(Double.self, from: "soft_cycle") }
        let listing = try file.inspection()
        #expect(listing.contains("loop/  (already listed"))
        #expect(listing.contains("elsewhere  (soft or external link, not followed)"))
        #expect(listing.contains("x  float64 [3]"))
    }

    @Test func layoutsThatReadOtherFilesAreRefused() throws {
        Self.expectError("external files") {
            _ = try Self.hostile("external_storage").root.read(Double.self, from: "x")
        }
        Self.expectError("virtual layout") { _ = try Self.hostile("virtual").root.read(Double.self, from: "x") }
    }

    @Test func stringsFromH5pyReadThroughTheCheckedPath() throws {
        let root = try Self.hostile("strings").root
        #expect(try root.attribute("fixed") == .strings(["abc", "defg"]))
        #expect(try root.attribute("variable") == .string("a variable-length string"))
        #expect(try root.attribute("variables") == .strings(["one", "two", ""]))
        #expect(try root.readStrings("names") == ["alpha", "beta"])
        #expect(try root.read(Double.self, from: "big_endian", shape: [3]) == [0, 1, 2])
    }

    /// A saved model, its bytes, and a folder for patched copies.
    static func savedModel() throws -> (bytes: [UInt8], folder: String) {
        let (X, y) = try makeClassification(nSamples: 60, nFeatures: 4, randomState: 3)
        var model = LogisticRegression()
        try model.fit(X, y)
        let folder = scratchFolder()
        try model.save(to: folder + "/model.h5")
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/model.h5"))), folder)
    }

    static func offset(of pattern: [UInt8], in bytes: [UInt8]) throws -> Int {
        try #require(
            (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
    }

    static func littleEndian(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// The reproduction from the issue: a variable-length string's stored length changed from 4 to
    /// 11,010,052 (one byte) segfaulted `inspect` and `load`; a length made larger asked for 4 GiB.
    @Test func variableLengthStringLengthsAreCheckedAgainstTheHeap() throws {
        let (bytes, folder) = try Self.savedModel()
        let heap = try Self.offset(of: Array("GCOL".utf8), in: bytes)
        // The descriptor of the first 'None' string: length 4, then the collection's address.
        let descriptor = try Self.offset(of: [4, 0, 0, 0] + Self.littleEndian(UInt64(heap), width: 8), in: bytes)
        for (length, fragment) in [
            (11_010_052, "a string of 11010052 bytes points at a heap object of 4"),
            (1, "a string of 1 bytes points at a heap object of 4"),
            (4_143_972_356, "ResourceLimits.maxStringBytes")
        ] {
            var patched = bytes
            patched.replaceSubrange(descriptor..<(descriptor + 4), with: Self.littleEndian(UInt64(length), width: 4))
            let path = folder + "/patched-\(length).h5"
            try Data(patched).write(to: URL(fileURLWithPath: path))
            Self.expectError(fragment) { _ = try LogisticRegression.load(from: path) }
            Self.expectError(fragment) { _ = try HDF5File.open(path).inspection() }
        }
    }

    /// The dims of the saved `coef` ([1, 4]) patched to claim far more than the file holds.
    @Test func patchedDimensionsAreRefused() throws {
        let (bytes, folder) = try Self.savedModel()
        let dims = try Self.offset(of: Self.littleEndian(1, width: 8) + Self.littleEndian(4, width: 8), in: bytes)
        for (dimension, fragment) in [
            (UInt64(1) << 40, "SWIFTLEARN_MAX_ARRAY_BYTES"), (UInt64(1) << 63, "corrupt"),
            (3_000_000, "corrupt")
        ] {
            var patched = bytes
            patched.replaceSubrange((dims + 8)..<(dims + 16), with: Self.littleEndian(dimension, width: 8))
            let path = folder + "/dims-\(dimension).h5"
            try Data(patched).write(to: URL(fileURLWithPath: path))
            Self.expectError(fragment) { _ = try LogisticRegression.load(from: path) }
            _ = try? HDF5File.open(path).inspection() // listing a shape allocates nothing: it may print it
        }
    }
}

/// Files from the mutation campaign (`Fuzz/mutation-campaign.py --seed 1`) that segfaulted libhdf5 1.10
/// inside its attribute decoding before SwiftLearn checked object headers itself (`HDF5HeaderCheck`), and
/// one from `--seed 4` (`mlp_regressor.h5-341-float-normalisation.h5`: a float attribute type with a
/// reserved normalisation, which libhdf5 fails to decode and then frees a half-built attribute table).
@Suite struct MutationRegressionTests {
    static let files: [String] = {
        let folder = Bundle.module.url(forResource: "Regressions", withExtension: nil, subdirectory: "Resources")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder?.path ?? "")) ?? []).sorted().map {
            folder!.path + "/" + $0
        }
    }()

    @Test func theRegressionFilesArePresent() { #expect(Self.files.count == 11) }

    @Test(arguments: files) func inspectingGivesAnErrorNotACrash(_ path: String) {
        UntrustedFileTests.expectError("root group's object header") { _ = try HDF5File.open(path).inspection() }
    }
}

/// Strings written through `HDF5File.create` read back through the raw global-heap path.
@Suite struct RawStringReadBackTests {
    @Test func stringsWrittenAndClosedReadBack() throws {
        let path = scratchFolder() + "/strings.h5"
        do {
            let file = try HDF5File.create(path)
            let root = try file.root
            try root.setAttribute("name", .string("dense"))
            try root.setAttribute("names", .strings(["kernel:0", "bias:0"]))
            try file.close()
        }
        let reopened = try HDF5File.open(path).root
        #expect(try reopened.attribute("name") == .string("dense"))
        #expect(try reopened.attribute("names") == .strings(["kernel:0", "bias:0"]))
    }
}
