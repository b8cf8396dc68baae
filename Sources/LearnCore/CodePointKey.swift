/// A value that compares as Python compares it, for categories and class labels: strings by their Unicode
/// scalars (code points), everything else by its own `==` and `<`.
///
/// Swift's `String` equality is canonical equivalence, so `"é"` (U+00E9) and `"e\u{301}"` are one string to
/// a `Set`; to Python, NumPy and scikit-learn they are two categories. Encoders key their categories by
/// `CodePointKey` so that a Swift program and scikit-learn see the same classes, in the same order.
///
/// ```swift
/// let names = ["é", "e\u{301}", "a"]
/// print(Set(names).count, CodePointKey.distinctSorted(names).count)
/// ```
/// <!-- doctest: output -->
/// ```text
/// 2 3
/// ```
public struct CodePointKey<Value: Hashable & Comparable>: Hashable, Comparable {
    /// The wrapped value.
    public let value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }

    /// Equal code points for strings; `==` otherwise.
    public static func == (a: Self, b: Self) -> Bool {
        if let x = a.value as? String, let y = b.value as? String {
            return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        }
        return a.value == b.value
    }

    /// Code-point order for strings (Python's `str` order, NumPy's `np.unique`); `<` otherwise.
    public static func < (a: Self, b: Self) -> Bool {
        if let x = a.value as? String, let y = b.value as? String {
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
        }
        return a.value < b.value
    }

    /// Hashes the code points of a string, the value otherwise.
    public func hash(into hasher: inout Hasher) {
        if let text = value as? String {
            for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
            hasher.combine(0x11_0000 as UInt32) // a terminator no scalar has: "ab" + "c" ≠ "a" + "bc"
        } else {
            hasher.combine(value)
        }
    }

    /// The distinct values of `values` in code-point order, as `np.unique` gives them.
    public static func distinctSorted(_ values: [Value]) -> [Value] {
        Array(Set(values.map { Self($0) })).sorted().map(\.value)
    }

    /// Whether `values` are distinct and in code-point order (what ``distinctSorted(_:)`` returns).
    public static func isDistinctSorted(_ values: [Value]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { Self($0) < Self($1) }
    }

    /// Each value's position in `values`, which must be distinct by code points.
    public static func positions(_ values: [Value]) -> [Self: Int] {
        Dictionary(values.enumerated().map { (Self($1), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension CodePointKey: Sendable where Value: Sendable {}
