import ArgumentParser
import Foundation
import LearnCore
import LearnHDF5

/// `swiftlearn inspect MODEL.h5`: a network's summary (Keras 3's table and what it was compiled with), or
/// for any other file the model class, its hyper-parameters and the shapes of its arrays.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a network's summary, or a saved model's class, hyper-parameters and array shapes.")

    @Argument(help: "A network file (Keras' or SwiftLearn's .h5), a model's save(to:) file, or any HDF5 file.")
    var file: String

    func run() throws {
        guard case let .network(load)? = try SavedModel.kind(ofFileAt: file)?.kind else {
            print(try HDF5File.open(file).inspection())
            return
        }
        let network = try load(file)
        print(try network.summary())
        let losses = network.lossNames
        print(
            losses.isEmpty ? "Not compiled (no training_config)." : "Compiled: loss \(losses.joined(separator: ", ")).")
    }
}
