@preconcurrency import CHDF5
import LearnCore

extension HDF5File {
    /// The deepest group nesting ``inspection()`` walks.
    public static let inspectionDepthLimit = 64
    /// The most objects ``inspection()`` lists before it stops with a note.
    public static let inspectionObjectLimit = 100_000

    /// What `swiftlearn inspect` prints: the model class, format and SwiftLearn versions, the
    /// hyper-parameters (root attributes) and every group and dataset with its type and shape.
    ///
    /// The walk follows hard links only and visits each object once (by its address), so hard-link
    /// cycles, soft links and external links in a hostile file cannot make it recurse without bound or
    /// open another file; it stops after ``inspectionDepthLimit`` levels and ``inspectionObjectLimit`` objects.
    ///
    /// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 50, nFeatures: 5, randomState: 0) -->
    /// <!-- doctest: given var fitted = LogisticRegression() -->
    /// <!-- doctest: given try fitted.fit(X, y) -->
    /// <!-- doctest: given try fitted.save(to: "model.h5") -->
    /// ```swift
    /// print(try HDF5File.open("model.h5").inspection())
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// class: LogisticRegression
    /// swiftlearn_format_version: 1
    /// swiftlearn_version: '…'
    /// parameters:
    ///   C = 1.0
    /// …
    /// arrays:
    ///   classes  int64 [2]
    ///   coef  float64 [1, 5]
    ///   intercept  float64 [1]
    ///   n_iter  int64 []
    /// ```
    /// - Throws: `LearnError/corruptFile(path:reason:)` when an attribute or listing cannot be read.
    public func inspection() throws -> String {
        let root = try self.root
        var lines: [String] = []
        let attributes = try root.attributeNames()
        if attributes.contains("swiftlearn_class"), case let .string(className) = try root.attribute("swiftlearn_class")
        {
            lines.append("class: \(className)")
        }
        for name in ["swiftlearn_format_version", "swiftlearn_version"] where attributes.contains(name) {
            lines.append("\(name): \(try root.attribute(name))")
        }
        let parameters = attributes.filter { !$0.hasPrefix("swiftlearn_") }
        if !parameters.isEmpty {
            lines.append("parameters:")
            for name in parameters { lines.append("  \(name) = \(try root.attribute(name))") }
        }
        lines.append("arrays:")
        var walk = InspectionWalk()
        walk.visited.insert(try root.objectAddress())
        try walk.list(root, depth: 1, into: &lines)
        return lines.joined(separator: "\n")
    }
}

/// The state of one ``HDF5File/inspection()`` walk: the objects seen and how many were listed.
private struct InspectionWalk {
    var visited: Set<UInt64> = []
    var listed = 0

    mutating func list(_ group: HDF5Group, depth: Int, into lines: inout [String]) throws {
        let indent = String(repeating: "  ", count: depth)
        for name in try group.memberNames() {
            listed += 1
            guard listed <= HDF5File.inspectionObjectLimit else {
                lines.append("\(indent)… (more than \(HDF5File.inspectionObjectLimit) objects; listing stopped)")
                return
            }
            let kind = try group.checkedChild(name)
            guard kind != .link else {
                lines.append("\(indent)\(name)  (soft or external link, not followed)")
                continue
            }
            if kind == .group {
                let child = try HDF5Group(file: group.file, path: group.child(name))
                guard visited.insert(try child.objectAddress()).inserted else {
                    lines.append("\(indent)\(name)/  (already listed: a second link to the same group)")
                    continue
                }
                lines.append("\(indent)\(name)/")
                guard depth < HDF5File.inspectionDepthLimit else {
                    lines.append("\(indent)  … (deeper than \(HDF5File.inspectionDepthLimit) levels; not listed)")
                    continue
                }
                try list(child, depth: depth + 1, into: &lines)
            } else {
                let info = try group.datasetInfo(name)
                lines.append("\(indent)\(name)  \(info.typeName) \(info.shape)")
            }
        }
    }
}

extension HDF5Group {
    /// The group's address in the file: the same object reached by two links has one address.
    func objectAddress() throws -> UInt64 {
        var info = H5O_info_t()
        try HDF5Library.check(H5Oget_info2(id, &info, UInt32(H5O_INFO_BASIC))) {
            self.corrupt("cannot read \(self.path)'s header (\($0))")
        }
        return UInt64(info.addr)
    }
}
