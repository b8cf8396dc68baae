import Foundation
import LearnCore

extension Sequential {
    /// The layer table Keras 3 prints for `model.summary()`: name (type), output shape, parameter count,
    /// and the totals. Needs a built network (after `fit` or `predict`).
    public func summary() throws -> String {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        let widths = try activationWidths()
        let columns = [33, 24, 15]
        func line(_ left: String, _ fill: String, _ join: String, _ right: String) -> String {
            left + columns.map { String(repeating: fill, count: $0) }.joined(separator: join) + right
        }
        func row(_ cells: [String], _ border: String) -> String {
            let padded = [cells[0].padding(toLength: columns[0] - 2, withPad: " ", startingAt: 0),
                          cells[1].padding(toLength: columns[1] - 2, withPad: " ", startingAt: 0),
                          String(repeating: " ", count: Swift.max(0, columns[2] - 2 - cells[2].count)) + cells[2]]
            return border + padded.map { " \($0) " }.joined(separator: border) + border
        }
        var text = ["Model: \"sequential\"", line("┏", "━", "┳", "┓"), row(["Layer (type)", "Output Shape", "Param #"], "┃"),
                    line("┡", "━", "╇", "┩")]
        for (index, layer) in layers.enumerated() {
            if index > 0 { text.append(line("├", "─", "┼", "┤")) }
            text.append(row(["\(layer.name) (\(layer.kerasClassName))", "(None, \(widths[index + 1]))", Self.grouped(layer.parameterCount)], "│"))
        }
        text.append(line("└", "─", "┴", "┘"))
        let bytes = Double(parameterCount * 4)
        let (megabyte, kilobyte) = (1_048_576.0, 1024.0)
        let size = bytes >= megabyte ? String(format: "%.2f MB", bytes / megabyte)
            : bytes >= kilobyte ? String(format: "%.2f KB", bytes / kilobyte) : String(format: "%.2f B", bytes)
        text += [" Total params: \(Self.grouped(parameterCount)) (\(size))", " Trainable params: \(Self.grouped(parameterCount)) (\(size))",
                 " Non-trainable params: 0 (0.00 B)"]
        return text.joined(separator: "\n")
    }

    /// Each layer's weights as Keras' `get_weights()` lists them: kernel (`inputs × units`) then bias.
    public func getWeights() throws -> [Matrix<Float>] {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        var result: [Matrix<Float>] = []
        for (index, layer) in layers.enumerated() {
            guard let dense = layer as? Dense else { continue }
            let start = offsets[index], kernelCount = dense.inputWidth * dense.units
            result.append(try Matrix(rows: dense.inputWidth, columns: dense.units, scalars: Array(parameters[start..<(start + kernelCount)])))
            if dense.useBias {
                result.append(Matrix(row: Array(parameters[(start + kernelCount)..<(start + kernelCount + dense.units)])))
            }
        }
        return result
    }

    /// Replaces the weights with arrays shaped as ``getWeights()`` returns them (Keras' `set_weights`).
    /// - Throws: ``LearnError/shapeMismatch(operation:expected:got:)`` when the list or a shape differs.
    public mutating func setWeights(_ weights: [Matrix<Float>]) throws {
        let current = try getWeights()
        guard weights.count == current.count else {
            throw LearnError.shapeMismatch(operation: "setWeights", expected: "\(current.count) arrays", got: "\(weights.count)")
        }
        for (given, expected) in zip(weights, current) where given.count != expected.count || (given.rows != expected.rows && expected.rows != 1) {
            throw LearnError.shapeMismatch(operation: "setWeights", expected: "\(expected.shape)", got: "\(given.shape)")
        }
        guard weights.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: "setWeights") }
        parameters = weights.flatMap(\.scalars)
    }

    /// `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        return digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
    }
}
