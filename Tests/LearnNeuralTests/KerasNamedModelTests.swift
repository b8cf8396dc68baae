import Foundation
import LearnCore
import Testing

@testable import LearnNeural

/// Keras files load whatever the model and its optimizer are called: a model named `my_net`, a session's
/// second Adam (`adam_1`) and second RMSprop (`rm_sprop_1`), an SGD named by the user, and a file saved with
/// `include_optimizer=False` (`Resources/keras_named/`, made by `Benchmarks/Interop/make_keras_named_models.py`).
@Suite struct KerasNamedModelTests {
    static let folder = "Resources/keras_named"

    static func reference() throws -> [String: Any] {
        let url = try #require(
            Bundle.module.url(forResource: "keras_named", withExtension: "json", subdirectory: folder))
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Within 1e-5 (float32 networks; the same tolerance as the other Keras comparisons).
    static func expectClose(_ ours: Matrix<Double>, _ keras: Any?, _ what: String) throws {
        let expected = try #require(keras as? [[Double]]).flatMap { $0 }
        #expect(ours.scalars.count == expected.count, "\(what)")
        let worst = zip(ours.scalars, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-5, "\(what): largest difference \(worst)")
    }

    @Test(arguments: ["my_net_adam", "second_adam", "second_rmsprop", "named_sgd", "without_optimizer"])
    func loadsAndResumesTrainingAsKeras(_ name: String) throws {
        let reference = try Self.reference()
        let cases = try #require(reference["cases"] as? [String: [String: Any]])
        let entry = try #require(cases[name])
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "h5", subdirectory: Self.folder))
        var network = try Sequential.load(from: url.path)
        let probe = try Matrix<Double>(try #require(reference["probe"] as? [[Double]]))
        try Self.expectClose(try network.predict(probe), entry["predictions"], "\(name) predictions")
        guard entry["include_optimizer"] as? Bool == true else {
            #expect(network.optimizer?.iterations ?? 0 == 0)
            return
        }
        // Two epochs of three batches were run before the save.
        #expect(network.optimizer?.iterations == 6)
        // One more full-batch step from the restored slots lands where Keras' did only if every slot went
        // back to its own variable.
        let stepX = try Matrix<Double>(try #require(reference["step_x"] as? [[Double]]))
        let stepY = try #require(reference["step_y"] as? [Int])
        try network.fit(stepX, stepY, epochs: 1, batchSize: stepX.rows, shuffle: false, verbose: 0)
        try Self.expectClose(try network.predict(probe), entry["after_step"], "\(name) after one step")
    }

    @Test func slotsOutOfPlaceAreRefused() throws {
        // The Adam file with its momentum and velocity names swapped in weight_names: the loader follows the
        // listed order, so it must notice that a velocity stands where a momentum belongs.
        let url = try #require(
            Bundle.module.url(forResource: "my_net_adam", withExtension: "h5", subdirectory: Self.folder))
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("swapped-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: copy) }
        var bytes = try Data(contentsOf: url)
        let (momentum, velocity) = (Data("kernel_momentum".utf8), Data("kernel_velocity".utf8))
        // Rename in place (same length): the first listed momentum becomes a velocity, wherever it is stored.
        var replaced = 0
        while let range = bytes.range(of: momentum) {
            bytes.replaceSubrange(range, with: velocity)
            replaced += 1
        }
        #expect(replaced > 0)
        try bytes.write(to: copy)
        #expect(throws: LearnError.self) { try Sequential.load(from: copy.path) }
    }
}
