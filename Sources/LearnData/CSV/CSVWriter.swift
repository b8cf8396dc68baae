import Foundation
import LearnCore

/// Writes `data` (and optionally a target column, last) as CSV with a header line. Floats get 17
/// significant digits so they read back bit for bit (or `significantDigits`, 1 to 17: 9 are enough for
/// a `Float`'s value); whole numbers are written as integers.
///
/// The file is written beside `path` and renamed over it only when complete, so a failed write
/// leaves any previous file intact.
///
/// Arguments:
///   - `featureNames`: the header names; `nil` gives `x0, x1, …` (the `swiftlearn` tools' format).
///   - `target`: the target column's values, or `nil` for none.
///   - `targetName`: the target column's header name.
///   - `significantDigits`: the digits of each float (`%.17g` by default).
/// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` when the names or target do not
///   match the data; `LearnError/invalidParameter(name:expected:got:)` for names containing commas
///   or line breaks; `LearnError/io(path:reason:)` when the file cannot be written.
public func writeCSV(
    _ data: Matrix<Double>, target: [Double]? = nil, to path: String,
    featureNames: [String]? = nil, targetName: String = "y", significantDigits: Int = 17
) throws {
    let text = try csvData(
        data, target: target, featureNames: featureNames, targetName: targetName,
        significantDigits: significantDigits)
    try writeAtomically(text, to: path)
}

/// The bytes ``writeCSV(_:target:to:featureNames:targetName:significantDigits:)`` writes, for a caller that
/// sends them elsewhere (`swiftlearn predict` prints them when given no `--output`).
/// - Throws: as ``writeCSV(_:target:to:featureNames:targetName:significantDigits:)``, but no I/O error.
public func csvData(
    _ data: Matrix<Double>, target: [Double]? = nil, featureNames: [String]? = nil, targetName: String = "y",
    significantDigits: Int = 17
) throws -> Data {
    guard (1...17).contains(significantDigits) else {
        throw LearnError.invalidParameter(name: "significantDigits", expected: "1 to 17", got: "\(significantDigits)")
    }
    let format = "%.\(significantDigits)g"
    let names = featureNames ?? (0..<data.columns).map { "x\($0)" }
    guard names.count == data.columns else {
        throw LearnError.shapeMismatch(
            operation: "writeCSV", expected: "\(data.columns) feature names", got: "\(names.count)")
    }
    if let target, target.count != data.rows {
        throw LearnError.shapeMismatch(
            operation: "writeCSV", expected: "a target of \(data.rows) values", got: "\(target.count)")
    }
    let header = names + (target == nil ? [] : [targetName])
    if let bad = header.first(where: { $0.contains(where: { $0 == "," || $0 == "\n" || $0 == "\r" }) }) {
        throw LearnError.invalidParameter(
            name: "featureNames", expected: "names without commas or line breaks", got: "'\(bad)'")
    }
    var text = [UInt8]()
    text.reserveCapacity(data.count * 24 + header.count * 8)
    text.append(contentsOf: header.joined(separator: ",").utf8)
    text.append(10)
    var scratch = [CChar](repeating: 0, count: 64)
    data.withUnsafeBufferPointer { values in
        for r in 0..<data.rows {
            for c in 0..<data.columns {
                if c > 0 { text.append(44) }
                appendNumber(values[r * data.columns + c], format, to: &text, scratch: &scratch)
            }
            if let target {
                if data.columns > 0 { text.append(44) }
                appendNumber(target[r], format, to: &text, scratch: &scratch)
            }
            text.append(10)
        }
    }
    return Data(text)
}

/// ``writeCSV(_:target:to:featureNames:targetName:significantDigits:)`` with class labels as the target.
public func writeCSV(
    _ data: Matrix<Double>, labels: [Int], to path: String,
    featureNames: [String]? = nil, targetName: String = "y"
) throws {
    try writeCSV(data, target: labels.map(Double.init), to: path, featureNames: featureNames, targetName: targetName)
}

/// `format` (`%.17g`), or a plain integer for whole numbers below 2^53 (labels stay `1`, not `1.0`).
private func appendNumber(_ value: Double, _ format: String, to text: inout [UInt8], scratch: inout [CChar]) {
    if value.rounded() == value && Swift.abs(value) < 9_007_199_254_740_992 {
        text.append(contentsOf: String(Int64(value)).utf8)
        if value == 0 && value.sign == .minus { text.insert(45, at: text.count - 1) } // keep -0
        return
    }
    let length = scratch.withUnsafeMutableBufferPointer { buffer in
        withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
    }
    scratch.withUnsafeBufferPointer { buffer in
        buffer.baseAddress?.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            text.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it over `path`.
func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
        try data.write(to: url, options: .atomic)
    } catch {
        throw LearnError.io(path: path, reason: "cannot write the file (\(error.localizedDescription))")
    }
}
