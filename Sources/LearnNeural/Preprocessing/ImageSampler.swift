import Foundation

/// How pixels outside the image are filled when an image is moved or rotated (Keras' `fill_mode`).
public enum FillMode: String, Sendable, CaseIterable {
    /// Mirror about the edge, the edge pixel included once more (`d c b a | a b c d | d c b a`) — Keras' default.
    case reflect
    /// Wrap around (`a b c d | a b c d`), as TensorFlow computes it.
    case wrap
    /// A constant, `fillValue`.
    case constant
    /// The nearest edge pixel (`a a a a | a b c d | d d d d`).
    case nearest
}

/// How a moved image is resampled (Keras' `interpolation`).
public enum Interpolation: String, Sendable, CaseIterable {
    /// Weighted mean of the four nearest pixels.
    case bilinear
    /// The nearest pixel.
    case nearest
}

/// Resamples an image under an affine map from output to input coordinates, and the adjoint of that
/// resampling for the backward pass: the shared engine of ``RandomTranslation`` and ``RandomRotation``.
struct ImageSampler: Sendable, Equatable {
    var fillMode: FillMode
    var interpolation: Interpolation
    var fillValue: Float

    /// The input coordinate of output pixel `(y, x)`: `(a0 x + a1 y + a2, b0 x + b1 y + b2)` as (column, row).
    struct Transform {
        var a0: Float, a1: Float, a2: Float, b0: Float, b1: Float, b2: Float
        func source(_ y: Int, _ x: Int) -> (x: Float, y: Float) {
            (a0 * Float(x) + a1 * Float(y) + a2, b0 * Float(x) + b1 * Float(y) + b2)
        }
    }

    /// TensorFlow's `FILL_WRAP` on a continuous coordinate (what Keras runs): shifts by whole image
    /// lengths measured against `size − 1`; taps still outside afterwards read the fill value.
    static func tensorFlowWrap(_ coordinate: Float, _ size: Int) -> Float {
        guard size > 1 else { return 0 }
        let span = Float(size - 1), length = Float(size)
        var wrapped = coordinate
        if coordinate < 0 {
            wrapped += length * (Float(Int(-coordinate / span)) + 1)
        } else if coordinate > span {
            wrapped -= length * Float(Int(coordinate / span))
        }
        return Swift.min(Swift.max(wrapped, 0), span) // TensorFlow clamps the result into the image
    }

    /// An index inside `0..<size` for `fillMode`, or `nil` for the fill value outside the image.
    func wrap(_ index: Int, _ size: Int) -> Int? {
        if index >= 0 && index < size { return index }
        switch fillMode {
        case .constant, .wrap: return nil // wrap already moved the coordinate (tensorFlowWrap)
        case .nearest: return Swift.min(Swift.max(index, 0), size - 1)
        case .reflect:
            guard size > 1 else { return 0 }
            let period = 2 * size
            var i = ((index % period) + period) % period
            if i >= size { i = period - 1 - i }
            return i
        }
    }

    /// Calls `body` with each (up to four) input pixel behind one output pixel and its weight; `nil` is
    /// the constant fill.
    @inline(__always)
    func forEachTap(_ point: (x: Float, y: Float), height: Int, width: Int, _ body: (Int?, Float) -> Void) {
        var point = point
        if fillMode == .wrap { point = (Self.tensorFlowWrap(point.x, width), Self.tensorFlowWrap(point.y, height)) }
        switch interpolation {
        case .nearest:
            let (x, y) = (Int(point.x.rounded()), Int(point.y.rounded()))
            guard let row = wrap(y, height), let column = wrap(x, width) else { return body(nil, 1) }
            body(row * width + column, 1)
        case .bilinear:
            let (x0, y0) = (Int(point.x.rounded(.down)), Int(point.y.rounded(.down)))
            let (fx, fy) = (point.x - Float(x0), point.y - Float(y0))
            for dy in 0...1 {
                let wy = dy == 0 ? 1 - fy : fy
                for dx in 0...1 {
                    let weight = (dx == 0 ? 1 - fx : fx) * wy
                    guard weight != 0 else { continue }
                    guard let row = wrap(y0 + dy, height), let column = wrap(x0 + dx, width) else {
                        body(nil, weight)
                        continue
                    }
                    body(row * width + column, weight)
                }
            }
        }
    }

    /// `output = sample(input, transform)` for one `[h, w, c]` image.
    func apply(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, height: Int, width: Int, channels: Int,
        _ transform: Transform
    ) {
        for y in 0..<height {
            for x in 0..<width {
                let target = output + (y * width + x) * channels
                target.update(repeating: 0, count: channels)
                forEachTap(transform.source(y, x), height: height, width: width) { pixel, weight in
                    if let pixel {
                        let source = input + pixel * channels
                        for k in 0..<channels { target[k] += weight * source[k] }
                    } else {
                        for k in 0..<channels { target[k] += weight * fillValue }
                    }
                }
            }
        }
    }

    /// The adjoint: scatters each output gradient back onto the input pixels it was sampled from.
    func adjoint(
        _ outputGradient: UnsafePointer<Float>, _ inputGradient: UnsafeMutablePointer<Float>, height: Int, width: Int,
        channels: Int,
        _ transform: Transform
    ) {
        inputGradient.update(repeating: 0, count: height * width * channels)
        for y in 0..<height {
            for x in 0..<width {
                let gradient = outputGradient + (y * width + x) * channels
                forEachTap(transform.source(y, x), height: height, width: width) { pixel, weight in
                    guard let pixel else { return }
                    let target = inputGradient + pixel * channels
                    for k in 0..<channels { target[k] += weight * gradient[k] }
                }
            }
        }
    }
}
