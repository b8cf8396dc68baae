import Foundation
import LearnCore
import LearnLinear
import Testing

/// Saves survive crashes, not just errors: `swiftlearn fit` killed at random moments, and a save that
/// runs into the file size limit, always leave a loadable model and no temporary files piling up.
@Suite(.serialized) struct CrashSafeSaveTests {
    /// Killed fits; each takes a few tens of milliseconds.
    static let runs = 100

    /// A folder with a small classification CSV.
    static func trainingSet() throws -> (folder: String, train: String) {
        let train = GeneratorCommandTests.temporaryPath("train.csv")
        let made = try GeneratorCommandTests.run([
            "make-classification", "--n-samples", "200", "--n-features", "8",
            "--random-state", "3", "--output", train
        ])
        #expect(made.status == 0, "\(made.stderr)")
        return ((train as NSString).deletingLastPathComponent, train)
    }

    static func fitArguments(train: String, c: Double, output: String) -> [String] {
        ["fit", "--model", "logistic-regression", "--train", train, "--param", "C=\(c)", "--output", output]
    }

    /// Starts the built `swiftlearn` with its output discarded (a killed process leaves no pipe to drain).
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = GeneratorCommandTests.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFTLEARN_NO_BLAS_WARNING"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaries(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".model.h5.swiftlearn-") }
    }

    @Test func killingSavesAtRandomMomentsLeavesTheOldOrTheNewModel() throws {
        let (folder, train) = try Self.trainingSet()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/model.h5"
        let choices = [0.25, 4.0] // two models, so "the old or the new one" can be told apart by C
        // One undisturbed run to learn how long a fit-and-save takes here; kills are then spread over
        // the whole run, weighted towards its end where the save happens.
        let started = Date()
        let calibration = try Self.start(
            Self.fitArguments(
                train: train, c: choices[1],
                output: folder + "/calibration.h5"))
        calibration.waitUntilExit()
        #expect(calibration.terminationStatus == 0)
        let duration = Date().timeIntervalSince(started)
        var random = RandomState(seed: 2026)
        var saved: Double? // C of the model in the file, nil before the first completed save
        var killedWithTemporary = 0
        for run in 0..<Self.runs {
            let c = choices[run % 2]
            let delay = try random.uniform(low: 0.5 * duration, high: 1.05 * duration)
            let process = try Self.start(Self.fitArguments(train: train, c: c, output: model))
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let completed = process.terminationReason == .exit && process.terminationStatus == 0
            if FileManager.default.fileExists(atPath: model) {
                let loaded = try LogisticRegression.load(from: model).C
                // A run that completed must have left its own model; a killed one the old or the new.
                #expect(completed ? loaded == c : loaded == c || loaded == saved, "run \(run): C = \(loaded)")
                saved = loaded
            } else {
                #expect(saved == nil && !completed, "run \(run): the model file disappeared")
            }
            // Each save removes the temporaries of dead processes first, so at most the last one remains.
            let left = try Self.temporaries(in: folder)
            #expect(left.count <= 1, "run \(run): \(left)")
            killedWithTemporary += left.count
        }
        let final = try GeneratorCommandTests.run(Self.fitArguments(train: train, c: 1.5, output: model))
        #expect(final.status == 0, "\(final.stderr)")
        #expect(try LogisticRegression.load(from: model).C == 1.5)
        #expect(try Self.temporaries(in: folder).isEmpty)
        print("kill test: \(killedWithTemporary) of \(Self.runs) kills left a temporary file (killed mid-save)")
    }

    @Test func aSaveBeyondTheFileSizeLimitFailsCleanlyAndKeepsThePreviousModel() throws {
        let (folder, train) = try Self.trainingSet()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/model.h5"
        #expect(try GeneratorCommandTests.run(Self.fitArguments(train: train, c: 0.5, output: model)).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        // dash's `ulimit -f` counts 512-byte blocks: 4 KiB, about half a model file. SIGXFSZ ignored so
        // the write fails with EFBIG instead of killing the process.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limited = "ulimit -f 8; trap '' XFSZ; exec \"$0\" \"$@\""
        process.arguments =
            ["-c", limited, GeneratorCommandTests.executable.path]
            + Self.fitArguments(train: train, c: 2, output: model)
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFTLEARN_NO_BLAS_WARNING": "1"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // An error exit, not a crash (libhdf5's exit handler used to segfault on the half-closed file).
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(message)")
        #expect(message.contains("I/O error on \(model): cannot write the temporary file"), "\(message)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
        #expect(try Self.temporaries(in: folder).isEmpty)
    }
}
