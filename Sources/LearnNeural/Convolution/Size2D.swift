import LearnCore

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
        if let pair = value as? [Int], pair.count == 2 {
            self.init(pair[0], pair[1])
        } else if let n = value as? Int {
            self.init(n, n)
        } else {
            return nil
        }
    }
}

/// How a window treats the borders (Keras' `padding`).
public enum Padding: String, Sendable, CaseIterable {
    /// No padding: only windows that fit.
    case valid
    /// Zero padding so the output is `ceil(input / stride)`; the extra row or column goes at the end, as TensorFlow does.
    case same

    /// Output length and the padding before the first element for one axis.
    /// Sizes come from files, so the arithmetic is checked (`Shape`): a huge window or stride is an error.
    func layout(input: Int, window: Int, stride: Int, dilation: Int = 1) throws -> (output: Int, before: Int) {
        let operation = "a window of \(window) with stride \(stride) and dilation \(dilation)"
        let span = try Shape.sum(try Shape.product(window - 1, dilation, operation: operation), 1, operation: operation)
        switch self {
        case .valid:
            return (input >= span ? (input - span) / stride + 1 : 0, 0)
        case .same:
            let output = try Shape.total([input, stride, -1], operation: operation) / stride
            let reach = try Shape.sum(
                try Shape.product(output - 1, stride, operation: operation), span,
                operation: operation)
            return (output, Swift.max(reach - input, 0) / 2)
        }
    }
}

/// A per-sample image geometry (height × width × channels), for layers to remember what they were built for.
struct ImageShape: Sendable, Equatable {
    var height = 0, width = 0, channels = 0
}

extension ImageShape {
    /// The image shape of a layer's sample shape `[height, width, channels]`, or the error `operation.build`
    /// throws for any other shape.
    init(sample shape: [Int], operation: String) throws {
        guard shape.count == 3, shape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "\(operation).build", expected: "images of shape [height, width, channels]",
                got: "samples of shape \(shape)")
        }
        self.init(height: shape[0], width: shape[1], channels: shape[2])
    }
}
