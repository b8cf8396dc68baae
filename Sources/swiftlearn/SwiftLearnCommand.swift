import ArgumentParser
import LearnCore

/// `swiftlearn`: SwiftLearn's command-line tool.
struct SwiftLearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swiftlearn",
        abstract: "scikit-learn-style machine learning for Swift: datasets, models, benchmarks.",
        version: SwiftLearnVersion.string,
        subcommands: [
            MakeClassificationCommand.self, MakeBlobsCommand.self, MakeMoonsCommand.self, MakeCirclesCommand.self,
            MakeRegressionCommand.self, DatasetCommand.self, FitCommand.self, PredictCommand.self, TrainCommand.self,
            InspectCommand.self,
            BenchCommand.self
        ]
    )
}

/// `swiftlearn bench …`: the benchmark suites.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark suite: accuracy against scikit-learn and Keras, or speed.",
        subcommands: [AccuracyCommand.self, SpeedCommand.self]
    )
}
