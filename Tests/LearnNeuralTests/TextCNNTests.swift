import Foundation
import LearnCore
import LearnNeural
import Testing

/// The seed articles' text CNN (Embedding → Conv1D → GlobalMaxPooling1D → Dense sigmoid) on a synthetic
/// sequence task whose label needs a learned local pattern.
@Suite struct TextCNNTests {
    /// `n` sequences of `length` token ids from a vocabulary of `vocabulary`; label 1 when the bigram
    /// (7, 11) occurs. Half the sequences get the bigram at a random position; the others are redrawn
    /// until they have none, so the label depends on the order of two tokens, not their counts.
    static func makeSequences(_ n: Int, length: Int = 20, vocabulary: Int = 30, randomState: UInt32) throws -> (
        x: Matrix<Double>, y: [Int]
    ) {
        var rng = RandomState(seed: randomState)
        var rows: [[Double]] = [], labels: [Int] = []
        func hasBigram(_ s: [Int]) -> Bool { zip(s, s.dropFirst()).contains { $0 == 7 && $1 == 11 } }
        for i in 0..<n {
            var sequence: [Int]
            repeat {
                sequence = (0..<length).map { _ in Int(rng.nextUInt32() % UInt32(vocabulary)) }
            } while hasBigram(sequence)
            let positive = i % 2 == 0
            if positive {
                let at = Int(rng.nextUInt32() % UInt32(length - 1))
                (sequence[at], sequence[at + 1]) = (7, 11)
            } else if Int(rng.nextUInt32() % 2) == 0 {
                // Negatives also hold both tokens, in the wrong order or apart.
                sequence[Int(rng.nextUInt32() % UInt32(length / 2))] = 11
                sequence[length / 2 + Int(rng.nextUInt32() % UInt32(length / 2))] = 7
                if hasBigram(sequence) { sequence[length - 1] = 0 }
            }
            rows.append(sequence.map(Double.init))
            labels.append(positive ? 1 : 0)
        }
        return (try Matrix(rows), labels)
    }

    @Test func learnsTheSyntheticSequenceTask() throws {
        let (xTrain, yTrain) = try Self.makeSequences(1200, randomState: 1)
        let (xTest, yTest) = try Self.makeSequences(400, randomState: 2)
        #expect(Double(yTrain.reduce(0, +)) / Double(yTrain.count) == 0.5)
        var net = Sequential(randomState: 0) {
            Embedding(inputDim: 30, outputDim: 16)
            Conv1D(32, kernelSize: 3, activation: .relu)
            GlobalMaxPooling1D()
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.005), loss: .binaryCrossentropy, metrics: [.accuracy])
        try net.fit(xTrain, yTrain, epochs: 15, batchSize: 32, verbose: 0)
        let accuracy = try net.evaluate(xTest, yTest)["accuracy"] ?? 0
        #expect(accuracy >= 0.95, "test accuracy \(accuracy)")
    }

    @Test func tokenIdsOutsideTheVocabularyAreRejected() throws {
        var net = Sequential(randomState: 0) {
            Embedding(inputDim: 10, outputDim: 4)
            Flatten()
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(), loss: .binaryCrossentropy)
        #expect(
            throws: LearnError.invalidParameter(
                name: "token id", expected: "whole numbers in 0..<10 (Embedding inputDim)", got: "10.0")
        ) {
            try net.fit(try Matrix<Double>([[1, 2, 10], [0, 0, 0]]), [1, 0], verbose: 0)
        }
        #expect(throws: LearnError.self) { try net.fit(try Matrix<Double>([[1, 2.5, 3]]), [1], verbose: 0) }
        #expect(throws: LearnError.self) { try net.fit(try Matrix<Double>([[-1, 2, 3]]), [1], verbose: 0) }
        try net.fit(try Matrix<Double>([[1, 2, 3], [4, 5, 9]]), [1, 0], verbose: 0)
        #expect(throws: LearnError.self) { try net.predict(try Matrix<Double>([[1, 2, 30]])) }
        #expect(try net.predict(try Matrix<Double>([[1, 2, 3]])).shape == [1, 1])
    }
}
