// The `///` comments of a Swift source file, as Markdown text for `docBlocks(in:file:)`.

/// Each run of consecutive `///` lines, the markers (and one space after them) removed.
public func docComments(in lines: [(number: Int, text: String)]) -> [[(number: Int, text: String)]] {
    var comments: [[(number: Int, text: String)]] = []
    var current: [(number: Int, text: String)] = []
    for (number, text) in lines {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.hasPrefix("///") {
            let rest = trimmed.dropFirst(3)
            current.append((number, String(rest.hasPrefix(" ") ? rest.dropFirst() : rest)))
        } else if !current.isEmpty {
            comments.append(current)
            current = []
        }
    }
    if !current.isEmpty { comments.append(current) }
    return comments
}
