import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnTestSupport
import Testing

/// The `swiftlearn make-*` commands (DESIGN §6), run as a user runs them.
@Suite struct GeneratorCommandTests {
    /// The built `swiftlearn` beside the test bundle.
    static var executable: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("swiftlearn")
        return FileManager.default.fileExists(atPath: beside.path)
            ? beside : Bundle.main.bundleURL.appendingPathComponent("swiftlearn")
    }

    /// Runs the built `swiftlearn` with `arguments`; returns the exit status and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String, stdout: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFTLEARN_NO_BLAS_WARNING"] = "1"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: printed, as: UTF8.self)
        )
    }

    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test func makeClassificationWritesScikitLearnsDataset() throws {
        let path = Self.temporaryPath("article.csv")
        let result = try Self.run([
            "make-classification", "--n-samples", "100", "--n-features", "10",
            "--random-state", "42", "--output", path
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,y\n-1.1405260113164644,"))
        let table = try readCSV(from: path, targetColumn: "y")
        let vector = try SpecVectors.load("mc_article")
        #expect(try table.integerTarget() == vector.member("y").ints())
        let expected = try vector.member("X_hex").hexMatrix().scalars
        // Generator output through a matrix product upstream, then printed and parsed as %.17g: 1e-12.
        expectClose(table.data.scalars, expected, tolerance: 1e-12, "make-classification CSV")
    }

    @Test func everyOptionReachesTheGenerator() throws {
        let path = Self.temporaryPath("options.csv")
        let result = try Self.run([
            "make-classification", "--n-samples", "80", "--n-features", "15", "--n-informative", "5", "--n-redundant",
            "3",
            "--n-repeated", "4", "--n-classes", "4", "--n-clusters-per-class", "2", "--weights", "0.1,0.2,0.3",
            "--flip-y", "0.1", "--class-sep", "1.5", "--shift", "random", "--scale", "random", "--random-state", "2024",
            "--output", path
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let vector = try SpecVectors.load("mc_redundant_repeated_shift_scale")
        #expect(try readCSV(from: path, targetColumn: "y").integerTarget() == vector.member("y").ints())
    }

    @Test func otherGeneratorsMatchTheLibrary() throws {
        let blobs = Self.temporaryPath("blobs.csv"), moons = Self.temporaryPath("moons.csv")
        let circles = Self.temporaryPath("circles.csv"), regression = Self.temporaryPath("regression.csv")
        #expect(
            try Self.run([
                "make-blobs", "--n-samples", "31", "--n-features", "3", "--centers", "4", "--cluster-std", "0.5",
                "--random-state", "42", "--output", blobs
            ]).status == 0)
        #expect(
            try Self.run([
                "make-moons", "--n-samples", "20", "--noise", "0.1", "--random-state", "42", "--output", moons
            ]).status == 0)
        #expect(
            try Self.run([
                "make-circles", "--n-samples", "11", "--factor", "0.5", "--random-state", "0", "--output", circles
            ]).status == 0)
        #expect(
            try Self.run([
                "make-regression", "--n-samples", "10", "--n-features", "4", "--n-targets", "2", "--noise", "1",
                "--random-state", "0", "--output", regression
            ]).status == 0)
        let b = try makeBlobs(nSamples: 31, nFeatures: 3, centers: 4, clusterStd: 0.5, randomState: 42)
        #expect(try readCSV(from: blobs, targetColumn: "y").data == b.X)
        let m = try makeMoons(nSamples: 20, noise: 0.1, randomState: 42)
        #expect(try readCSV(from: moons, targetColumn: "y").integerTarget() == m.y)
        let c = try makeCircles(nSamples: 11, randomState: 0, factor: 0.5)
        #expect(try readCSV(from: circles, targetColumn: "y").data == c.X)
        let r = try makeRegression(nSamples: 10, nFeatures: 4, nTargets: 2, noise: 1, randomState: 0)
        let table = try readCSV(from: regression)
        #expect(table.featureNames == ["x0", "x1", "x2", "x3", "y0", "y1"])
        #expect(table.data == (try Matrix.concatenate([r.X, r.y], axis: 1)))
    }

    @Test func hdf5OutputHoldsXAndY() throws {
        let (classification, regression, iris) = (
            Self.temporaryPath("c.h5"), Self.temporaryPath("r.h5"), Self.temporaryPath("iris.h5")
        )
        #expect(
            try Self.run([
                "make-classification", "--n-samples", "30", "--n-features", "5", "--random-state", "2",
                "--output", classification
            ]).status == 0)
        #expect(
            try Self.run([
                "make-regression", "--n-samples", "12", "--n-features", "3", "--n-targets", "2",
                "--random-state", "0", "--output", regression
            ]).status == 0)
        #expect(try Self.run(["dataset", "iris", "--output", iris]).status == 0)
        let c = try makeClassification(nSamples: 30, nFeatures: 5, randomState: 2)
        let file = try HDF5File.open(classification).root
        #expect(try file.readMatrix(Double.self, from: "X") == c.X)
        #expect(try file.read(Int64.self, from: "y", shape: [30]) == c.y.map(Int64.init))
        #expect(try file.attribute("feature_names") == .strings(["x0", "x1", "x2", "x3", "x4"]))
        let r = try makeRegression(nSamples: 12, nFeatures: 3, nTargets: 2, randomState: 0)
        #expect(try HDF5File.open(regression).root.readMatrix(Double.self, from: "y") == r.y)
        let loaded = try loadIris(), irisFile = try HDF5File.open(iris).root
        #expect(try irisFile.read(Int64.self, from: "y", shape: [150]) == loaded.target.map(Int64.init))
        #expect(try irisFile.attribute("target_names") == .strings(loaded.targetNames))
    }

    @Test func badArgumentsFailWithAClearMessage() throws {
        let path = Self.temporaryPath("bad.csv")
        let tooMany = try Self.run([
            "make-classification", "--n-samples", "10", "--n-features", "3", "--n-informative", "3",
            "--output", path
        ])
        #expect(tooMany.status != 0)
        #expect(tooMany.stderr.contains("nInformative + nRedundant + nRepeated (5) <= nFeatures"))
        let text = try Self.run(["make-moons", "--output", Self.temporaryPath("m.txt")])
        #expect(text.status != 0 && text.stderr.contains("--output must end in .csv or .h5"))
        let weights = try Self.run([
            "make-classification", "--n-samples", "10", "--n-features", "5", "--weights", "a,b", "--output", path
        ])
        #expect(weights.status != 0 && weights.stderr.contains("weights"))
        let seed = try Self.run(["make-moons", "--random-state=-3", "--output", path])
        #expect(seed.status != 0 && seed.stderr.contains("seed between 0 and 2**32 - 1"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

/// `swiftlearn dataset`, run from a copy of the tool outside the build tree (an installed build).
@Suite struct DatasetCommandTests {
    @Test func installedToolWritesTheBundledDatasets() throws {
        let built = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("swiftlearn")
        let source =
            FileManager.default.fileExists(atPath: built.path)
            ? built : Bundle.main.bundleURL.appendingPathComponent("swiftlearn")
        let installed = URL(fileURLWithPath: GeneratorCommandTests.temporaryPath("bin")).appendingPathComponent(
            "swiftlearn")
        try FileManager.default.createDirectory(
            at: installed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: installed)
        let output = GeneratorCommandTests.temporaryPath("digits.csv")
        let process = Process()
        process.executableURL = installed
        process.arguments = ["dataset", "digits", "--output", output]
        process.currentDirectoryURL = installed.deletingLastPathComponent()
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let table = try readCSV(from: output, targetColumn: "y") // the generators' name, fit's default --target
        let digits = try loadDigits()
        #expect(try table.data == digits.data && table.integerTarget() == digits.target)
        #expect(table.featureNames == digits.featureNames)
        let unknown = try GeneratorCommandTests.run(["dataset", "mnist", "--output", output])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown dataset 'mnist'"))
    }
}
