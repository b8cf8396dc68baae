import Foundation
import LearnCore

/// Zero rows and columns around each image, Keras' `ZeroPadding2D`: `[h, w, c]` → `[top + h + bottom, left + w + right, c]`.
public struct ZeroPadding2D: Layer, Equatable {
    /// Rows added above.
    public var top: Int
    /// Rows added below.
    public var bottom: Int
    /// Columns added on the left.
    public var left: Int
    /// Columns added on the right.
    public var right: Int
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var input = ImageShape()

    /// `ZeroPadding2D(1)` (the same on every side) or `ZeroPadding2D(top: 1, bottom: 2, left: 0, right: 1)`.
    public init(_ padding: Int = 1, name: String = "") {
        self.init(top: padding, bottom: padding, left: padding, right: padding, name: name)
    }

    /// Each side on its own.
    public init(top: Int, bottom: Int, left: Int, right: Int, name: String = "") {
        (self.top, self.bottom, self.left, self.right, self.name) = (top, bottom, left, right, name)
    }

    /// `"ZeroPadding2D"`.
    public static let kerasClass = "ZeroPadding2D"

    /// The padded shape.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        input = try ImageShape(sample: inputShape, operation: "ZeroPadding2D")
        guard [top, bottom, left, right].allSatisfy({ $0 >= 0 }) else {
            throw LearnError.invalidParameter(
                name: "padding", expected: "non-negative sizes", got: "\([top, bottom, left, right])")
        }
        let height = try Shape.total([input.height, top, bottom], operation: "ZeroPadding2D")
        return [height, try Shape.total([input.width, left, right], operation: "ZeroPadding2D"), input.channels]
    }
    /// None.
    public var weights: [LayerWeight] { [] }

    private var outputWidth: Int { input.width + left + right }
    private var outputHeight: Int { input.height + top + bottom }

    /// Copies each image into the middle of a zeroed one.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let (h, w, c) = (self.input.height, self.input.width, self.input.channels)
        output.update(repeating: 0, count: batch * outputHeight * outputWidth * c)
        for n in 0..<batch {
            for y in 0..<h {
                (output + ((n * outputHeight + y + top) * outputWidth + left) * c).update(
                    from: input + ((n * h + y) * w) * c, count: w * c)
            }
        }
    }

    /// The middle of each gradient image.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let (h, w, c) = (self.input.height, self.input.width, self.input.channels)
        for n in 0..<batch {
            for y in 0..<h {
                (inputGradient + ((n * h + y) * w) * c).update(
                    from: outputGradient + ((n * outputHeight + y + top) * outputWidth + left) * c, count: w * c)
            }
        }
    }

    /// `padding` as `[[top, bottom], [left, right]]`.
    public var kerasConfig: [String: Any] {
        ["padding": [[top, bottom], [left, right]], "data_format": "channels_last"]
    }

    /// From Keras' `padding` (`n`, `[a, b]` or `[[top, bottom], [left, right]]`).
    init(kerasConfig config: [String: Any], name: String) throws {
        switch config["padding"] {
        case let n as Int: self.init(n, name: name)
        case let pair as [Int] where pair.count == 2:
            self.init(top: pair[0], bottom: pair[0], left: pair[1], right: pair[1], name: name)
        case let sides as [[Int]] where sides.count == 2 && sides.allSatisfy({ $0.count == 2 }):
            self.init(top: sides[0][0], bottom: sides[0][1], left: sides[1][0], right: sides[1][1], name: name)
        default: throw KerasConfig.unsupported("ZeroPadding2D", name)
        }
    }
}

extension ZeroPadding2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> ZeroPadding2D {
        try ZeroPadding2D(kerasConfig: config.settings, name: config.name)
    }
}
