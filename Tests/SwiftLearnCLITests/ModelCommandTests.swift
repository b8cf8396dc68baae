import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnNeural
import Testing

/// `swiftlearn fit`, `predict` and `inspect` (DESIGN §6), run through the built tool.
@Suite struct ModelCommandTests {
    @Test func versionIsTheLibrarysVersion() throws {
        let run = try GeneratorCommandTests.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == SwiftLearnVersion.string)
    }

    @Test func fitPredictInspectALogisticRegression() throws {
        let folder = GeneratorCommandTests.temporaryPath("models")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (train, model, predictions) = (folder + "/train.csv", folder + "/model.h5", folder + "/pred.csv")
        #expect(
            try GeneratorCommandTests.run([
                "make-classification", "--n-samples", "150", "--n-features", "6", "--n-classes", "3",
                "--n-informative", "3", "--random-state", "5", "--output", train
            ]).status == 0)
        let fit = try GeneratorCommandTests.run([
            "fit", "--model", "logistic-regression", "--train", train, "--param", "C=0.5",
            "--param", "max_iter=300", "--output", model
        ])
        #expect(fit.status == 0, "\(fit.stderr)")
        let loaded = try LogisticRegression.load(from: model)
        #expect(loaded.C == 0.5 && loaded.maxIter == 300 && loaded.classes == [0, 1, 2])
        #expect(
            try GeneratorCommandTests.run(["predict", "--model", model, "--input", train, "--output", predictions])
                .status == 0)
        let table = try readCSV(from: train, targetColumn: "y")
        let predicted = try readCSV(from: predictions, targetColumn: "y").integerTarget()
        #expect(try predicted == loaded.predict(table.data))
        let inspect = Process()
        inspect.executableURL = GeneratorCommandTests.executable
        inspect.arguments = ["inspect", model]
        let pipe = Pipe()
        inspect.standardOutput = pipe
        try inspect.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        inspect.waitUntilExit()
        #expect(
            text.contains("class: LogisticRegression") && text.contains("coef  float64 [3, 6]")
                && text.contains("C = 0.5"))
    }

    @Test func fitAndPredictAnMLPClassifier() throws {
        let folder = GeneratorCommandTests.temporaryPath("mlp")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (train, model, predictions) = (folder + "/train.csv", folder + "/mlp.h5", folder + "/pred.csv")
        #expect(
            try GeneratorCommandTests.run([
                "make-classification", "--n-samples", "120", "--n-features", "5", "--random-state", "2",
                "--output", train
            ]).status == 0)
        let fit = try GeneratorCommandTests.run([
            "fit", "--model", "mlp", "--train", train, "--param", "hidden_layer_sizes=16,8",
            "--param", "max_iter=20", "--param", "random_state=0", "--output", model
        ])
        #expect(
            fit.status == 0 && fit.stdout.hasPrefix("MLPClassifier: 2 classes, 5 features, 20 epochs"),
            "\(fit.stdout) \(fit.stderr)")
        let loaded = try MLPClassifier.load(from: model)
        #expect(loaded.hiddenLayerSizes == [16, 8] && loaded.maxIter == 20)
        #expect(
            try GeneratorCommandTests.run(["predict", "--model", model, "--input", train, "--output", predictions])
                .status == 0)
        let table = try readCSV(from: train, targetColumn: "y")
        #expect(try readCSV(from: predictions, targetColumn: "y").integerTarget() == loaded.predict(table.data))
    }

    @Test func linearRegressionAndBadRequests() throws {
        let folder = GeneratorCommandTests.temporaryPath("regression")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (train, model) = (folder + "/train.csv", folder + "/ols.h5")
        #expect(
            try GeneratorCommandTests.run([
                "make-regression", "--n-samples", "50", "--n-features", "3", "--noise", "0.5",
                "--random-state", "1", "--output", train
            ]).status == 0)
        #expect(
            try GeneratorCommandTests.run(["fit", "--model", "linear-regression", "--train", train, "--output", model])
                .status == 0)
        #expect(try LinearRegression.load(from: model).coef?.count == 3)
        // A real-valued target makes `--model mlp` an MLPRegressor.
        let mlp = try GeneratorCommandTests.run([
            "fit", "--model", "mlp", "--train", train, "--param", "hidden_layer_sizes=8",
            "--param", "max_iter=5", "--param", "random_state=0", "--output", folder + "/n.h5"
        ])
        #expect(
            mlp.status == 0 && mlp.stdout.hasPrefix("MLPRegressor: 3 features, 5 epochs"), "\(mlp.stdout) \(mlp.stderr)"
        )
        let badParam = try GeneratorCommandTests.run([
            "fit", "--model", "linear-regression", "--train", train, "--param", "alpha=1",
            "--output", folder + "/x.h5"
        ])
        #expect(badParam.status != 0 && badParam.stderr.contains("alpha"))
        let missing = try GeneratorCommandTests.run(["predict", "--model", folder + "/none.h5", "--input", train])
        #expect(missing.status != 0 && missing.stderr.contains("no such file"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.h5"))
        // A device would be read forever: refused at once, naming the path.
        let device = try GeneratorCommandTests.run(["predict", "--model", model, "--input", "/dev/zero"])
        #expect(
            device.status == 1 && device.stderr.contains("Error:") && device.stderr.contains("/dev/zero")
                && device.stderr.contains("a device"), "\(device.stderr)")
    }

    @Test func badClassWeightsExitWithAnError() throws {
        let folder = GeneratorCommandTests.temporaryPath("class-weight")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let train = folder + "/train.csv"
        #expect(
            try GeneratorCommandTests.run([
                "make-classification", "--n-samples", "30", "--n-features", "4",
                "--random-state", "1", "--output", train
            ]).status == 0)
        for (weights, fragment) in [("0,1,0,2", "class 0 twice"), ("nan,1", "nan")] {
            let result = try GeneratorCommandTests.run(
                [
                    "fit", "--model", "logistic-regression", "--train", train, "--param", "class_weight=" + weights,
                    "--output", folder + "/m.h5"
                ])
            // Exit status 1 (an error), not a signal such as 4 (SIGILL) or 5 (SIGTRAP) from a trap.
            #expect(result.status == 1, "\(weights): \(result.stderr)")
            #expect(
                result.stderr.contains("Error:") && result.stderr.contains("classWeight")
                    && result.stderr.contains(fragment), "\(weights): \(result.stderr)")
        }
    }
}
