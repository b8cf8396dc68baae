// The Swift examples of one Markdown text (a guide, or the `///` comments of a source file) and the
// `<!-- doctest: … -->` directives that say how each is checked (Docs/Architecture.md, "Documentation tests").

/// One fenced `swift` code block, with what its directives ask for.
public struct DocBlock {
    /// How the block is checked.
    enum Mode: Equatable {
        /// Compiled and run in a fresh scratch folder; its printed output is checked when `output` is set.
        case run
        /// Compiled only (it needs files or data the guide does not make).
        case fragment
        /// Neither, for the stated reason (a `Package.swift` excerpt cannot compile in a test).
        case skip(String)
    }

    /// The file it is in, relative to the package root.
    public var file: String
    /// The line of its opening fence.
    public var line: Int
    var code: [String]
    var mode: Mode = .run
    /// Runs in the same scope as the block before it in the same file (`<!-- doctest: continues -->`).
    var continues = false
    /// Swift lines run before it, in the same scope (`<!-- doctest: given … -->`): the data the text assumes.
    var given: [(line: Int, code: String)] = []
    /// What its `print` calls must write, with `…` matching any text (`<!-- doctest: output -->` + ```` ```text ````).
    var expectedOutput: (text: String, line: Int)?
}

/// A directive or fence misuse, reported with the file and line so the writer can fix the text.
public struct DocTestError: Error, CustomStringConvertible {
    /// The file, relative to the package root.
    public var file: String
    /// The line of the directive or fence at fault.
    public var line: Int
    /// What is wrong.
    public var message: String
    /// `FILE:LINE: error: doctest: MESSAGE`, the form editors and CI logs link to the line.
    public var description: String { "\(file):\(line): error: doctest: \(message)" }
}

/// The Swift blocks of Markdown `lines` (each with its 1-based line number in `file`).
public func docBlocks(in lines: [(number: Int, text: String)], file: String) throws -> [DocBlock] {
    var blocks: [DocBlock] = []
    var pending: [(number: Int, directive: String)] = []
    var index = 0
    while index < lines.count {
        let (number, raw) = lines[index]
        let text = raw.trimmingWhitespace()
        index += 1
        if let directive = directiveText(text) {
            pending.append((number, directive))
            continue
        }
        if text.isEmpty { continue }
        guard text.hasPrefix("```") else {
            if let first = pending.first {
                throw DocTestError(file: file, line: first.number, message: "directive not followed by a code block")
            }
            continue
        }
        let info = String(text.dropFirst(3)).trimmingWhitespace()
        let (body, next) = try fencedBody(lines, from: index, file: file, openedAt: number)
        index = next
        if info == "swift" {
            var block = DocBlock(file: file, line: number, code: body)
            for (line, directive) in pending where directive != "output" {
                try apply(directive, to: &block, file: file, line: line)
            }
            if pending.contains(where: { $0.directive == "output" }) {
                throw DocTestError(file: file, line: number, message: "`output` belongs before a ```text block")
            }
            if block.continues && (block.mode != .run || blocks.last?.mode != .run) {
                throw DocTestError(
                    file: file, line: number,
                    message: "`continues` joins a runnable block to the runnable one before it")
            }
            blocks.append(block)
        } else if pending.contains(where: { $0.directive == "output" }) {
            guard pending.count == 1, info == "text", let last = blocks.indices.last,
                blocks[last].mode == .run, blocks[last].expectedOutput == nil
            else {
                throw DocTestError(
                    file: file, line: number,
                    message: "`output` must stand alone before a ```text block that follows a runnable swift block")
            }
            blocks[last].expectedOutput = (body.joined(separator: "\n"), number + 1)
        } else if let first = pending.first {
            throw DocTestError(file: file, line: first.number, message: "directive before a ```\(info) block")
        }
        pending = []
    }
    if let first = pending.first {
        throw DocTestError(file: file, line: first.number, message: "directive at the end of the text")
    }
    return blocks
}

/// The text of `<!-- doctest: TEXT -->`, or nil for any other line.
private func directiveText(_ line: String) -> String? {
    let (open, close) = ("<!-- doctest:", "-->")
    guard line.hasPrefix(open), line.hasSuffix(close), line.count >= open.count + close.count else { return nil }
    return String(line.dropFirst(open.count).dropLast(close.count)).trimmingWhitespace()
}

/// The lines between an opening fence (before `start`) and its closing fence; the index after the closing one.
private func fencedBody(
    _ lines: [(number: Int, text: String)], from start: Int, file: String, openedAt: Int
) throws -> ([String], Int) {
    var index = start
    while index < lines.count {
        if lines[index].text.trimmingWhitespace() == "```" {
            return (lines[start..<index].map(\.text), index + 1)
        }
        index += 1
    }
    throw DocTestError(file: file, line: openedAt, message: "code block is never closed")
}

private func apply(_ directive: String, to block: inout DocBlock, file: String, line: Int) throws {
    let (word, rest) = directive.splitOnFirstSpace()
    switch word {
    case "fragment" where rest.isEmpty: block.mode = .fragment
    case "skip:" where !rest.isEmpty: block.mode = .skip(rest)
    case "continues" where rest.isEmpty: block.continues = true
    case "given" where !rest.isEmpty: block.given.append((line, rest))
    default:
        throw DocTestError(
            file: file, line: line,
            message: "unknown directive '\(directive)' (fragment, skip: REASON, continues, given CODE, output)")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }

    func splitOnFirstSpace() -> (String, String) {
        guard let space = firstIndex(of: " ") else { return (self, "") }
        return (String(self[..<space]), String(self[index(after: space)...]).trimmingWhitespace())
    }
}
