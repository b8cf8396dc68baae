import Foundation
import Testing

@testable import LearnNeural

/// `Model.summary()` prints what Keras 3.15.1 prints for `model.summary()` of the same file, byte for byte
/// (`Resources/keras_summaries`, README there): graphs with the "Connected to" column, chains without it.
@Suite struct ModelSummaryTests {
    @Test(
        arguments: [
            "residual_mlp", "two_branch", "residual_cnn", "nested_sequential", "shared_layer", "multi_output",
            "merge_zoo", "nested_functional"
        ])
    func summaryEqualsKeras(_ name: String) throws {
        let file = try #require(
            Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/keras_summaries"))
        let expected = try String(contentsOf: file, encoding: .utf8)
        let model = try Model.load(from: try FunctionalKerasFileTests.url(name).path)
        #expect(try model.summary() + "\n" == expected)
    }

    @Test func wrappingCutsAWordTooLongForItsColumn() {
        #expect(SummaryTable.wrap("input_layer (InputLayer)", width: 19) == ["input_layer", "(InputLayer)"])
        #expect(SummaryTable.wrap("global_average_pooling2d[0][0]", width: 17) == ["global_average_p…"])
        #expect(SummaryTable.wrap("", width: 5) == [""])
    }
}
