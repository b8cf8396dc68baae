/// A height × width pair — Keras' `kernel_size`, `strides`, `pool_size`, `dilation_rate` — written `3`
/// for a square or `Size2D(3, 5)`.
public struct Size2D: Sendable, Equatable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// Rows.
    public var height: Int
    /// Columns.
    public var width: Int

    /// `Size2D(3, 5)`.
    public init(_ height: Int, _ width: Int) { (self.height, self.width) = (height, width) }
    /// `3` → 3 × 3.
    public init(integerLiteral value: Int) { self.init(value, value) }

    /// `(3, 5)`.
    public var description: String { "(\(height), \(width))" }

    /// Keras' JSON form `[h, w]`.
    var keras: [Int] { [height, width] }

    /// From Keras' JSON (`[h, w]` or `h`).
    init?(keras value: Any?) {
        if let pair = value as? [Int], pair.count == 2 { self.init(pair[0], pair[1]) } else if let n = value as? Int { self.init(n, n) } else { return nil }
    }
}

/// How a window treats the borders (Keras' `padding`).
public enum Padding: String, Sendable, CaseIterable {
    /// No padding: only windows that fit.
    case valid
    /// Zero padding so the output is `ceil(input / stride)`; the extra row or column goes at the end, as TensorFlow does.
    case same

    /// Output length and the padding before the first element for one axis.
    func layout(input: Int, window: Int, stride: Int, dilation: Int = 1) -> (output: Int, before: Int) {
        let span = (window - 1) * dilation + 1
        switch self {
        case .valid:
            return (input >= span ? (input - span) / stride + 1 : 0, 0)
        case .same:
            let output = (input + stride - 1) / stride
            let total = Swift.max((output - 1) * stride + span - input, 0)
            return (output, total / 2)
        }
    }
}

/// A per-sample image geometry (height × width × channels), for layers to remember what they were built for.
struct ImageShape: Sendable, Equatable {
    var height = 0, width = 0, channels = 0
}
