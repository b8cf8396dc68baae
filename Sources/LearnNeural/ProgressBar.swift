import Foundation

/// Keras-style training progress: with `verbose` 1 on a terminal a live bar per epoch
/// (`250/250 [==============================] - 1s 4ms/step - loss: 0.3215 - accuracy: 0.9020`),
/// one line per epoch when the output is not a terminal (or with `verbose` 2), nothing with `verbose` 0.
struct ProgressBar {
    let epochs: Int
    let steps: Int
    let verbose: Int
    let live: Bool
    private let write: (String) -> Void
    private var epochStart = Date()
    private var lastDraw = Date.distantPast

    /// A bar writing to standard output; live only on a terminal.
    init(epochs: Int, steps: Int, verbose: Int, write: ((String) -> Void)? = nil, interactive: Bool? = nil) {
        (self.epochs, self.steps, self.verbose) = (epochs, steps, verbose)
        live = verbose == 1 && (interactive ?? (isatty(STDOUT_FILENO) == 1))
        self.write =
            write ?? { text in
                FileHandle.standardOutput.write(Data(text.utf8))
            }
    }

    /// `Epoch 3/10` (on its own line when live).
    mutating func beginEpoch(_ epoch: Int) {
        epochStart = Date()
        lastDraw = .distantPast
        if live { write("Epoch \(epoch + 1)/\(epochs)\n") }
    }

    /// Redraws the live bar after `step` batches (at most every 50 ms).
    mutating func update(step: Int, loss: Double) {
        guard live else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.05 || step == steps else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(epochStart)
        let eta = step > 0 ? elapsed / Double(step) * Double(steps - step) : 0
        write(
            "\r" + Self.bar(step: step, steps: steps) + " - ETA: \(Self.seconds(eta)) - loss: "
                + String(format: "%.4f", loss) + "\u{1B}[K")
    }

    /// The epoch's final line with every log, in Keras' order.
    mutating func endEpoch(_ epoch: Int, logs: [String: Double]) {
        guard verbose > 0 else { return }
        let elapsed = Date().timeIntervalSince(epochStart)
        let line = Self.summary(step: steps, steps: steps, elapsed: elapsed, logs: logs)
        write(live ? "\r" + line + "\u{1B}[K\n" : "Epoch \(epoch + 1)/\(epochs) - " + line + "\n")
    }

    /// `250/250 [==============================] - 1s 4ms/step - loss: 0.3215 - accuracy: 0.9020 - val_loss: …`.
    static func summary(step: Int, steps: Int, elapsed: TimeInterval, logs: [String: Double]) -> String {
        let perStep = elapsed / Double(Swift.max(1, step))
        let rate =
            perStep >= 1
            ? "\(Int(perStep.rounded()))s/step"
            : perStep >= 1e-3
                ? "\(Int((perStep * 1e3).rounded()))ms/step"
                : "\(Int((perStep * 1e6).rounded()))us/step"
        return bar(step: step, steps: steps) + " - \(seconds(elapsed)) \(rate)"
            + orderedLogs(logs).map { " - \($0): " + String(format: "%.4f", $1) }.joined()
    }

    /// `step/steps [=====>........]`, 30 characters wide.
    static func bar(step: Int, steps: Int) -> String {
        let width = 30
        let filled = steps > 0 ? width * step / steps : width
        let body =
            step >= steps
            ? String(repeating: "=", count: width)
            : String(repeating: "=", count: Swift.max(0, filled - 1)) + ">"
                + String(repeating: ".", count: width - Swift.max(1, filled))
        let digits = String(steps).count
        return String(repeating: " ", count: Swift.max(0, digits - String(step).count)) + "\(step)/\(steps) [" + body
            + "]"
    }

    /// Keras 2's order: `loss`, the metrics, then the validation logs, then anything else (`learning_rate`).
    static func orderedLogs(_ logs: [String: Double]) -> [(String, Double)] {
        func rank(_ key: String) -> (Int, String) {
            switch key {
            case "loss": return (0, key)
            case "val_loss": return (2, key)
            case "learning_rate": return (4, key)
            default: return key.hasPrefix("val_") ? (3, key) : (1, key)
            }
        }
        return logs.sorted { rank($0.key) < rank($1.key) }.map { ($0.key, $0.value) }
    }

    /// `1s`, `12s`.
    static func seconds(_ value: TimeInterval) -> String { "\(Int(value.rounded()))s" }
}
