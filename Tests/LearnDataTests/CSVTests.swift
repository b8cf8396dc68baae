import Foundation
import LearnCore
import LearnData
import Testing

/// `readCSV` / `writeCSV`: round trips, target selection, and every bad-input case.
@Suite struct CSVTests {
    static func temporaryPath(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-csv-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    @Test func writeThenReadRoundTripsBitForBit() throws {
        let (X, y) = try makeClassification(nSamples: 50, nFeatures: 6, randomState: 3)
        let path = Self.temporaryPath("mc.csv")
        try writeCSV(X, labels: y, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("x0,x1,x2,x3,x4,x5,y\n"))
        let table = try readCSV(from: path, targetColumn: "y")
        #expect(table.data == X)
        #expect(try table.integerTarget() == y)
        #expect(table.featureNames == ["x0", "x1", "x2", "x3", "x4", "x5"] && table.targetName == "y")
    }

    @Test func floatsUseSeventeenSignificantDigitsAndLabelsStayIntegers() throws {
        let path = Self.temporaryPath("digits.csv")
        try writeCSV(
            Matrix([[0.1, -2.5e-300], [3, -0.0]]), labels: [1, 0], to: path, featureNames: ["a", "b"],
            targetName: "label")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "a,b,label\n0.10000000000000001,-2.5e-300,1\n3,-0,0\n")
        let table = try readCSV(from: path, targetColumn: "label")
        #expect(table.data[0, 0] == 0.1 && table.data[0, 1] == -2.5e-300 && table.data[1, 1].sign == .minus)
    }

    @Test func targetCanBeAnyColumnAndSpacesBlankLinesAndCRLFAreAccepted() throws {
        let table = try readCSV(string: "\"a\", label ,b\r\n1, 2 ,3\r\n\r\n4,5,nan\n", targetColumn: "label")
        #expect(table.featureNames == ["a", "b"])
        #expect(table.target == [2, 5])
        #expect(table.data[0, 0] == 1 && table.data[0, 1] == 3 && table.data[1, 1].isNaN)
        let noTarget = try readCSV(string: "p,q\n1,2\n")
        #expect(noTarget.target == nil && noTarget.data.shape == [1, 2])
        #expect(throws: LearnError.self) { try noTarget.integerTarget() }
    }

    @Test func devicesFoldersAndFIFOsAreRefused() throws {
        let fifo = Self.temporaryPath("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let folder = FileManager.default.temporaryDirectory.path
        for (path, kind) in [("/dev/zero", "a device"), (folder, "a folder"), (fifo, "a FIFO")] {
            #expect(throws: LearnError.io(path: path, reason: "\(kind), expected a regular CSV file")) {
                try readCSV(from: path)
            }
        }
        let missing = Self.temporaryPath("absent.csv")
        let error = #expect(throws: LearnError.self) { try readCSV(from: missing) }
        guard case let .io(path, reason)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(path == missing && reason.contains("No such file"), "\(reason)")
    }

    @Test func filesBeyondTheByteLimitAreRefused() throws {
        let path = Self.temporaryPath("big.csv")
        try "a,b\n1,2\n3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try readCSV(from: path, limits: ResourceLimits(maxArrayBytes: 12)).data.shape == [2, 2])
        let error = #expect(throws: LearnError.self) {
            try readCSV(from: path, limits: ResourceLimits(maxArrayBytes: 11))
        }
        guard case let .resourceLimit(operation, needed, limit)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(operation.contains(path) && needed == "a file of 12 bytes")
        #expect(limit.contains("11 bytes") && limit.contains("SWIFTLEARN_MAX_ARRAY_BYTES"))
    }

    @Test func badInputNamesTheLineAndColumn() throws {
        #expect(
            throws: LearnError.corruptFile(path: "t.csv", reason: "line 3: expected 3 fields as in the header, got 2")
        ) {
            try readCSV(string: "a,b,c\n1,2,3\n4,5\n", source: "t.csv")
        }
        #expect(throws: LearnError.corruptFile(path: "t.csv", reason: "line 2, column 2 ('b'): 'x1' is not a number")) {
            try readCSV(string: "a,b\n1,x1\n", source: "t.csv")
        }
        #expect(throws: LearnError.corruptFile(path: "t.csv", reason: "line 2, column 1 ('a'): '' is not a number")) {
            try readCSV(string: "a,b\n,1\n", source: "t.csv")
        }
        #expect(
            throws: LearnError.corruptFile(path: "t.csv", reason: "line 2, column 1 ('a'): '1.5.2' is not a number")
        ) {
            try readCSV(string: "a\n1.5.2\n", source: "t.csv")
        }
        #expect(
            throws: LearnError.corruptFile(
                path: "t.csv", reason: "the file is empty: expected a header line of column names")
        ) {
            try readCSV(string: " \n\n", source: "t.csv")
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "targetColumn", expected: "one of the header's columns (a, b)", got: "'y'")
        ) {
            try readCSV(string: "a,b\n1,2\n", targetColumn: "y")
        }
        #expect(
            throws: LearnError.invalidParameter(
                name: "y", expected: "whole-number class labels", got: "0.5 in data row 1")
        ) {
            try readCSV(string: "a,y\n1,0.5\n", targetColumn: "y").integerTarget()
        }
        let missing = Self.temporaryPath("missing.csv")
        do {
            _ = try readCSV(from: missing)
            Issue.record("reading a missing file should throw")
        } catch let LearnError.io(path, _) {
            #expect(path == missing)
        }
    }

    @Test func failedWriteKeepsThePreviousFileAndThrows() throws {
        let path = Self.temporaryPath("keep.csv")
        try writeCSV(Matrix([[1.0]]), to: path)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        // A path whose parent is a regular file cannot be written, even by root.
        #expect(throws: LearnError.self) { try writeCSV(Matrix([[2.0]]), to: path + "/child.csv") }
        #expect(throws: LearnError.shapeMismatch(operation: "writeCSV", expected: "a target of 1 values", got: "2")) {
            try writeCSV(Matrix([[2.0]]), target: [1, 2], to: path)
        }
        #expect(throws: LearnError.self) { try writeCSV(Matrix([[2.0]]), to: path, featureNames: ["a,b"]) }
        #expect(throws: LearnError.self) { try writeCSV(Matrix([[2.0]]), to: path, featureNames: ["a", "b"]) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }
}
