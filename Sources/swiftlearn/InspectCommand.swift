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
        let opened = try HDF5File.open(file)
        let root = try opened.root
        let attributes = try root.attributeNames()
        if let className = try? root.attribute("swiftlearn_class") {
            print("class: \(className.description.trimmingCharacters(in: CharacterSet(charactersIn: "'")))")
        }
        for name in ["swiftlearn_format_version", "swiftlearn_version"] where attributes.contains(name) {
            print("\(name): \(try root.attribute(name))")
        }
        let parameters = attributes.filter { !$0.hasPrefix("swiftlearn_") }
        if !parameters.isEmpty {
            print("parameters:")
            for name in parameters { print("  \(name) = \(try root.attribute(name))") }
        }
        print("arrays:")
        try list(root, indent: "  ")
    }

    private func list(_ group: HDF5Group, indent: String) throws {
        for name in try group.memberNames() {
            if group.isGroup(name) {
                print("\(indent)\(name)/")
                try list(try group.group(name), indent: indent + "  ")
            } else {
                let info = try group.datasetInfo(name)
                print("\(indent)\(name)  \(info.typeName) \(info.shape)")
            }
        }
    }
}
