import ArgumentParser
import Foundation
import LearnCore
import LearnHDF5

/// `swiftlearn inspect MODEL.h5`: the model class, its hyper-parameters and the shapes of its arrays.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Print a saved model's class, hyper-parameters and array shapes.")

    @Argument(help: "A file written by a SwiftLearn model's save(to:) (or any HDF5 file).")
    var file: String

    func run() throws {
        print(try HDF5File.open(file).inspection())
    }
}
