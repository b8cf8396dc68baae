import Foundation
import LearnCore

/// Reads a numeric CSV file: a header line of column names, then one line per row of numbers
/// (`nan`, `inf` allowed; blank lines skipped; `\n` or `\r\n` line ends).
///
/// <!-- doctest: given try writeCSV(Matrix<Double>([[1, 2], [3, 4]]), labels: [0, 1], to: "train.csv") -->
/// ```swift
/// let table = try readCSV(from: "train.csv", targetColumn: "y")
/// let (X, y) = (table.data, try table.integerTarget())
/// ```
///
/// - Parameters:
///   - path: the file to read.
///   - targetColumn: the header name of the column to return as ``CSVTable/target`` rather than
///     among the features; `nil` keeps every column as a feature.
///   - limits: the file may hold at most `limits.maxArrayBytes` bytes (default 4 GiB, raised with
///     `SWIFTLEARN_MAX_ARRAY_BYTES`).
/// - Throws: `LearnError/io(path:reason:)` when the file cannot be read or is not a regular file (a
///   device such as `/dev/zero`, a FIFO or a folder would be read forever or not at all);
///   `LearnError/resourceLimit(operation:needed:limit:)` for a file larger than the limit;
///   `LearnError/corruptFile(path:reason:)` naming the line and column of an empty file, a ragged
///   row or a cell that is not a number; `LearnError/invalidParameter(name:expected:got:)` when
///   `targetColumn` is not in the header.
public func readCSV(
    from path: String, targetColumn: String? = nil, limits: ResourceLimits = .standard
) throws -> CSVTable {
    var bytes = try readRegularFile(path, limits)
    bytes.append(0) // strtod needs a terminator after the last field
    return try parse(bytes, targetColumn: targetColumn, source: path)
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `limits.maxArrayBytes` of
/// them — also when the file grows while it is read. Anything but a regular file is an `io` error: a device
/// such as `/dev/zero`, a FIFO or a folder would be read forever or not at all. (POSIX reads rather than
/// `Data(contentsOf:)`, whose read buffer LeakSanitizer reports as leaked on every call.)
private func readRegularFile(_ path: String, _ limits: ResourceLimits) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK) // a FIFO must not block the open
    guard descriptor >= 0 else {
        throw LearnError.io(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
        throw LearnError.io(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "a socket or other special file"
        }
        throw LearnError.io(path: path, reason: "\(kind), expected a regular CSV file")
    }
    try checkFileSize(Int(info.st_size), path, limits)
    // One spare byte shows the end of the file without a second read buffer.
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var count = 0
    while true {
        if count == bytes.count {
            // The file grew since `fstat`: read on in steps, never past the limit (`count` is within it).
            let room = limits.maxArrayBytes - count
            bytes += [UInt8](repeating: 0, count: 1 + Swift.min(room, Swift.max(count, 1 << 16) - 1))
        }
        let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, $0.count - count) }
        if got == 0 { break }
        guard got > 0 else {
            if errno == EINTR { continue }
            throw LearnError.io(path: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        count += got
        try checkFileSize(count, path, limits)
    }
    bytes.removeSubrange(count...)
    return bytes
}

/// Refuses a file of more than `limits.maxArrayBytes` bytes.
private func checkFileSize(_ size: Int, _ path: String, _ limits: ResourceLimits) throws {
    guard size <= limits.maxArrayBytes else {
        throw limits.exceeded("readCSV(\(path))", needed: "a file of \(size) bytes")
    }
}

/// Parses CSV text already in memory; `source` names it in error messages.
public func readCSV(string: String, targetColumn: String? = nil, source: String = "<string>") throws -> CSVTable {
    try readCSV(data: Data(string.utf8), targetColumn: targetColumn, source: source)
}

/// Parses CSV bytes already in memory; `source` names them in error messages.
public func readCSV(data: Data, targetColumn: String? = nil, source: String = "<data>") throws -> CSVTable {
    var bytes = [UInt8](data)
    bytes.append(0) // strtod needs a terminator after the last field
    return try parse(bytes, targetColumn: targetColumn, source: source)
}

/// Parses `bytes`, whose last byte is a 0 terminator.
private func parse(_ bytes: [UInt8], targetColumn: String?, source: String) throws -> CSVTable {
    try bytes.withUnsafeBufferPointer { buffer in
        var parser = CSVParser(buffer: buffer, count: buffer.count - 1, source: source)
        return try parser.table(targetColumn: targetColumn)
    }
}

/// A single pass over the bytes: header names, then numbers converted in place with `strtod`.
private struct CSVParser {
    let buffer: UnsafeBufferPointer<UInt8>
    let count: Int
    let source: String
    var position = 0
    var line = 0

    init(buffer: UnsafeBufferPointer<UInt8>, count: Int, source: String) {
        (self.buffer, self.count, self.source) = (buffer, count, source)
    }

    mutating func table(targetColumn: String?) throws -> CSVTable {
        guard let header = nextLine() else {
            throw LearnError.corruptFile(
                path: source, reason: "the file is empty: expected a header line of column names")
        }
        let names = fields(header).map { name in String(decoding: buffer[name], as: UTF8.self).trimmedCSVName }
        let targetIndex = try targetColumn.map { target in
            guard let index = names.firstIndex(of: target) else {
                throw LearnError.invalidParameter(
                    name: "targetColumn", expected: "one of the header's columns (\(names.joined(separator: ", ")))",
                    got: "'\(target)'")
            }
            return index
        }
        let width = names.count
        var values: [Double] = []
        var rows = 0
        while let range = nextLine() {
            let cells = fields(range)
            guard cells.count == width else {
                throw LearnError.corruptFile(
                    path: source, reason: "line \(line): expected \(width) fields as in the header, got \(cells.count)")
            }
            for (column, cell) in cells.enumerated() {
                values.append(try number(cell, column: column, name: names[column]))
            }
            rows += 1
        }
        let all = try Matrix(rows: rows, columns: width, scalars: values)
        guard let targetIndex else { return CSVTable(featureNames: names, data: all) }
        let featureColumns = (0..<width).filter { $0 != targetIndex }
        let features = try all.transposed().rows(at: featureColumns).transposed()
        return CSVTable(
            featureNames: featureColumns.map { names[$0] }, data: features,
            targetName: names[targetIndex], target: try all.column(targetIndex))
    }

    /// The next non-blank line's byte range (without its line end), or `nil` at the end.
    mutating func nextLine() -> Range<Int>? {
        while position < count {
            line += 1
            let start = position
            while position < count && buffer[position] != 10 { position += 1 }
            var end = position
            position += 1
            if end > start && buffer[end - 1] == 13 { end -= 1 }
            if buffer[start..<end].contains(where: { $0 != 32 && $0 != 9 }) { return start..<end }
        }
        return nil
    }

    /// The comma-separated cells of a line.
    func fields(_ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where buffer[i] == 44 {
            result.append(start..<i)
            start = i + 1
        }
        result.append(start..<range.upperBound)
        return result
    }

    /// A cell as a number: the whole cell (spaces aside) must be consumed by `strtod`.
    func number(_ cell: Range<Int>, column: Int, name: String) throws -> Double {
        var lower = cell.lowerBound, upper = cell.upperBound
        while lower < upper && (buffer[lower] == 32 || buffer[lower] == 9) { lower += 1 }
        while upper > lower && (buffer[upper - 1] == 32 || buffer[upper - 1] == 9) { upper -= 1 }
        guard lower < upper, let base = buffer.baseAddress else { throw invalidCell(cell, column: column, name: name) }
        var end: UnsafeMutablePointer<CChar>?
        let value = (base + lower).withMemoryRebound(to: CChar.self, capacity: upper - lower) { strtod($0, &end) }
        let consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? lower
        guard consumed == upper else { throw invalidCell(cell, column: column, name: name) }
        return value
    }

    func invalidCell(_ cell: Range<Int>, column: Int, name: String) -> LearnError {
        let text = String(decoding: buffer[cell], as: UTF8.self)
        return LearnError.corruptFile(
            path: source, reason: "line \(line), column \(column + 1) ('\(name)'): '\(text)' is not a number")
    }
}

extension String {
    /// A header cell without surrounding spaces or double quotes.
    var trimmedCSVName: String {
        var name = trimmingCharacters(in: .whitespaces)
        if name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
        }
        return name
    }
}
