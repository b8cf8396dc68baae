import Foundation

/// A small SVG writer for the accuracy suite's chart: one pair of horizontal bars per row (ours and the
/// reference), on a 0–1 axis with grid lines, a legend and the values printed beside the bars.
public struct BarChart: Sendable {
    /// One labelled pair of values in [0, 1] (`nil` when there is no reference).
    public struct Row: Sendable {
        /// The row's label, e.g. `iris · LogisticRegression`.
        public var label: String
        /// SwiftLearn's value.
        public var ours: Double
        /// The reference's value.
        public var reference: Double?

        /// A row.
        public init(label: String, ours: Double, reference: Double?) {
            (self.label, self.ours, self.reference) = (label, ours, reference)
        }
    }

    /// The chart's title.
    public var title: String
    /// The rows, top to bottom.
    public var rows: [Row]
    /// Legend text for the two series.
    public var seriesNames: (ours: String, reference: String) = ("SwiftLearn", "reference")

    /// A chart.
    public init(title: String, rows: [Row]) { (self.title, self.rows) = (title, rows) }

    /// The chart for an accuracy report: accuracy (R² for regression) against scikit-learn / Keras.
    public init(report: AccuracyReport) {
        self.init(
            title: "SwiftLearn vs scikit-learn / Keras — test accuracy (R² for regression)",
            rows: report.results.map {
                Row(
                    label: "\($0.dataset) · \($0.model)", ours: $0.score,
                    reference: $0.reference?.metrics[$0.task == .regression ? "r2" : "accuracy"])
            })
        seriesNames = ("SwiftLearn", "scikit-learn / Keras")
    }

    /// The SVG document.
    public func svg() -> String {
        let (labelWidth, plotWidth, valueWidth) = (300.0, 520.0, 70.0)
        let (top, rowHeight, barHeight) = (70.0, 30.0, 11.0)
        let width = labelWidth + plotWidth + valueWidth + 20
        let height = top + rowHeight * Double(rows.count) + 40
        let (oursColor, referenceColor) = ("#2b6cb0", "#dd8a2e")
        func x(_ value: Double) -> Double {
            labelWidth + plotWidth * Swift.min(1, Swift.max(0, value.isFinite ? value : 0))
        }
        func text(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">\(text(title))</text>",
            "<rect x=\"\(f(labelWidth))\" y=\"36\" width=\"12\" height=\"12\" fill=\"\(oursColor)\"/>",
            "<text x=\"\(f(labelWidth + 18))\" y=\"46\">\(text(seriesNames.ours))</text>",
            "<rect x=\"\(f(labelWidth + 140))\" y=\"36\" width=\"12\" height=\"12\" fill=\"\(referenceColor)\"/>",
            "<text x=\"\(f(labelWidth + 158))\" y=\"46\">\(text(seriesNames.reference))</text>"
        ]
        let bottom = top + rowHeight * Double(rows.count)
        for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
            parts.append(
                "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top - 6))\" x2=\"\(f(x(tick)))\" y2=\"\(f(bottom))\" stroke=\"#dddddd\"/>"
            )
            parts.append(
                "<text x=\"\(f(x(tick)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\" fill=\"#555555\">\(String(format: "%.1f", tick))</text>"
            )
        }
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            parts.append(
                "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"end\">\(text(row.label))</text>"
            )
            parts.append(
                "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(x(row.ours) - labelWidth))\" height=\"\(f(barHeight))\" fill=\"\(oursColor)\"/>"
            )
            parts.append(
                "<text x=\"\(f(x(row.ours) + 4))\" y=\"\(f(y + 3 + barHeight - 1))\" font-size=\"10\">\(String(format: "%.3f", row.ours))</text>"
            )
            if let reference = row.reference {
                parts.append(
                    "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4 + barHeight))\" width=\"\(f(x(reference) - labelWidth))\" height=\"\(f(barHeight))\" fill=\"\(referenceColor)\"/>"
                )
                parts.append(
                    "<text x=\"\(f(x(reference) + 4))\" y=\"\(f(y + 3 + 2 * barHeight))\" font-size=\"10\">\(String(format: "%.3f", reference))</text>"
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }
}
