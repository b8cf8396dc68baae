import Foundation
import LearnCore

extension Sequential {
    /// The layer table Keras 3 prints for `model.summary()`: name (type), output shape, parameter count,
    /// and the totals. Needs a built network (after `fit` or `predict`).
    public func summary() throws -> String {
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        let shapes = try activationShapes()
        let columns = [33, 24, 15]
        func line(_ left: String, _ fill: String, _ join: String, _ right: String) -> String {
            left + columns.map { String(repeating: fill, count: $0) }.joined(separator: join) + right
        }
        func row(_ cells: [String], _ border: String) -> String {
            let padded = [
                cells[0].padding(toLength: columns[0] - 2, withPad: " ", startingAt: 0),
                cells[1].padding(toLength: columns[1] - 2, withPad: " ", startingAt: 0),
                String(repeating: " ", count: Swift.max(0, columns[2] - 2 - cells[2].count)) + cells[2]
            ]
            return border + padded.map { " \($0) " }.joined(separator: border) + border
        }
        var text = [
            "Model: \"sequential\"", line("┏", "━", "┳", "┓"), row(["Layer (type)", "Output Shape", "Param #"], "┃"),
            line("┡", "━", "╇", "┩")
        ]
        for (index, layer) in layers.enumerated() {
            if index > 0 { text.append(line("├", "─", "┼", "┤")) }
            let shape = "(None, " + shapes[index + 1].map(String.init).joined(separator: ", ") + ")"
            text.append(
                row(
                    [
                        "\(layer.name) (\(layer.kerasClassName))", shape,
                        Self.grouped(layer.parameterCount + layer.stateCount)
                    ], "│"))
        }
        text.append(line("└", "─", "┴", "┘"))
        func size(_ count: Int) -> String {
            let bytes = Double(count * 4)
            let (megabyte, kilobyte) = (1_048_576.0, 1024.0)
            let text =
                bytes >= megabyte
                ? String(format: "%.2f MB", bytes / megabyte)
                : bytes >= kilobyte ? String(format: "%.2f KB", bytes / kilobyte) : String(format: "%.2f B", bytes)
            return "\(Self.grouped(count)) (\(text))"
        }
        text += [
            " Total params: " + size(parameters.count + states.count), " Trainable params: " + size(parameters.count),
            " Non-trainable params: " + size(states.count)
        ]
        return text.joined(separator: "\n")
    }

    /// `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        return digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }
            .joined()
    }
}
