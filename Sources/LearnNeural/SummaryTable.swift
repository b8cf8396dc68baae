import Foundation

/// Keras 3's `model.summary()` layout, shared by ``Sequential`` and ``Model``: a title, a box-drawn table
/// whose cells wrap at spaces onto further lines when they do not fit their column (as Keras' rich tables
/// wrap `input_layer (InputLayer)`, and cut a word too long for its column with `…`), and the parameter
/// totals with their size in float32 bytes. The widths are those Keras uses on an 80-column console.
struct SummaryTable {
    /// Each column's width between the borders, padding included.
    let widths: [Int]
    /// The columns whose cells are right-aligned (Keras' `Param #`).
    let rightAligned: Set<Int>
    /// The header row.
    let headers: [String]
    /// One row per layer; each cell is its lines (a cell of several lines makes a taller row).
    var rows: [[[String]]] = []

    /// `text` broken at spaces into lines of at most `width` characters; a longer word is cut short with `…`.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            if word.count > width { word = word.prefix(Swift.max(0, width - 1)) + "…" } // as Keras' rich cuts it
            current = current.isEmpty ? word : current + " " + word
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The whole summary: `Model: "<name>"`, the table, and the totals.
    func render(name: String, parameters: Int, states: Int) -> String {
        func line(_ left: String, _ fill: String, _ join: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: join) + right
        }
        func cells(_ row: [[String]], _ border: String) -> [String] {
            let wrapped = row.enumerated().map { column, lines in
                lines.flatMap { Self.wrap($0, width: widths[column] - 2) }
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { index in
                let padded = wrapped.enumerated().map { column, lines -> String in
                    let text = index < lines.count ? lines[index] : ""
                    let gap = String(repeating: " ", count: Swift.max(0, widths[column] - 2 - text.count))
                    return rightAligned.contains(column) ? gap + text : text + gap
                }
                return border + padded.map { " \($0) " }.joined(separator: border) + border
            }
        }
        var text = ["Model: \"\(name)\"", line("┏", "━", "┳", "┓")]
        text += cells(headers.map { [$0] }, "┃")
        text.append(line("┡", "━", "╇", "┩"))
        for (index, row) in rows.enumerated() {
            if index > 0 { text.append(line("├", "─", "┼", "┤")) }
            text += cells(row, "│")
        }
        text.append(line("└", "─", "┴", "┘"))
        text += [
            " Total params: " + Self.size(parameters + states), " Trainable params: " + Self.size(parameters),
            " Non-trainable params: " + Self.size(states)
        ]
        return text.joined(separator: "\n")
    }

    /// `(None, 8, 8, 4)`: a per-sample shape with Keras' batch dimension.
    static func shape(_ shape: [Int]) -> String {
        "(" + (["None"] + shape.map(String.init)).joined(separator: ", ") + ")"
    }

    /// `137 (548.00 B)`: a count of float32 values and their size.
    static func size(_ count: Int) -> String {
        let bytes = Double(count) * 4
        let (megabyte, kilobyte) = (1_048_576.0, 1024.0)
        let text =
            bytes >= megabyte
            ? String(format: "%.2f MB", bytes / megabyte)
            : bytes >= kilobyte ? String(format: "%.2f KB", bytes / kilobyte) : String(format: "%.2f B", bytes)
        return "\(grouped(count)) (\(text))"
    }

    /// `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        return digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }
            .joined()
    }
}
