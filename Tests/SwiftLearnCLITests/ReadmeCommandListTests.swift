import Foundation
import Testing

/// The README's command list (its `sh` block under "The command-line tool") names every command
/// `swiftlearn --help` lists, and no other; and each `--option` it shows is one the command's own `--help`
/// lists.
@Suite struct ReadmeCommandListTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The lines of the README's command block, continuation lines joined to their command.
    static var commandLines: [String] {
        guard let section = readme.components(separatedBy: "## The command-line tool").dropFirst().first,
            let block = section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```")
                .first
        else { return [] }
        var lines: [String] = []
        for line in block.split(separator: "\n") {
            if line.hasPrefix(" "), !lines.isEmpty {
                lines[lines.count - 1] += " " + line
            } else {
                lines.append(String(line))
            }
        }
        return lines
    }

    /// The subcommand names a `--help` text lists under SUBCOMMANDS.
    static func subcommands(_ help: String) -> Set<String> {
        guard let list = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first else { return [] }
        return Set(
            list.split(separator: "\n").compactMap { line -> String? in
                // Command names are lower case; the closing "See 'swiftlearn help …'" line is not one.
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                    name.first?.isLowercase == true
                else { return nil }
                return String(name)
            })
    }

    @Test func everyCommandIsListedAndEveryListedCommandExists() throws {
        let lines = Self.commandLines
        #expect(lines.count >= 8)
        // "swiftlearn make-blobs | make-moons | …" names several commands on one line.
        var named: Set<String> = []
        for line in lines {
            let words = line.split(separator: " ").map(String.init)
            guard words.first == "swiftlearn", words.count > 1 else { continue }
            named.insert(words[1] == "bench" && words.count > 2 ? "bench \(words[2])" : words[1])
            for (index, word) in words.enumerated() where word == "|" && index + 1 < words.count {
                named.insert(words[index + 1])
            }
        }
        let top = Self.subcommands(try GeneratorCommandTests.run(["--help"]).stdout)
        let bench = Self.subcommands(try GeneratorCommandTests.run(["bench", "--help"]).stdout).map { "bench \($0)" }
        let expected = top.subtracting(["bench"]).union(bench).union(["--version"])
        #expect(named == expected, "README lists \(named.sorted()), --help \(expected.sorted())")
    }

    @Test func everyOptionShownIsOneTheCommandTakes() throws {
        for line in Self.commandLines {
            let words = line.split(separator: " ").map(String.init)
            guard words.first == "swiftlearn", words.count > 1, words[1] != "--version" else { continue }
            let command = words[1] == "bench" ? ["bench", words[2]] : [words[1]]
            let help = try GeneratorCommandTests.run(command + ["--help"]).stdout
            let options = words.compactMap { word -> String? in
                let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]…,"))
                return trimmed.hasPrefix("--") ? String(trimmed.prefix { $0 != "=" }) : nil
            }
            for option in options {
                #expect(help.contains(option), "\(command.joined(separator: " ")) has no \(option)")
            }
        }
    }
}
