import LearnCore

/// Training or evaluation data in the flat Float layout the trainer gathers batches from: each input's and
/// each output's targets as `rows × width` values, row-major, plus optional per-sample weights.
struct TrainingData {
    /// Each input's values (`rows × inputWidths[k]`).
    var inputs: [[Float]]
    /// Each input's per-sample width.
    var inputWidths: [Int]
    /// Each output's targets (`rows × targetWidths[k]`).
    var targets: [[Float]]
    /// Each output's per-sample target width.
    var targetWidths: [Int]
    /// One weight per row, or `nil`.
    var sampleWeight: [Float]?
    /// Samples in the data.
    let rows: Int

    /// The data of the matrices `x` (one per input) and flat `targets` (one array per output).
    init(_ x: [Matrix<Double>], targets: [[Float]], targetWidths: [Int], sampleWeight: [Double]?) {
        inputs = x.map { $0.scalars.map(Float.init) }
        inputWidths = x.map(\.columns)
        (self.targets, self.targetWidths) = (targets, targetWidths)
        self.sampleWeight = sampleWeight.map { $0.map(Float.init) }
        rows = x.first?.rows ?? 0
    }

    private init(copying data: TrainingData, rows range: Range<Int>) {
        func slice(_ values: [Float], _ width: Int) -> [Float] {
            Array(values[(range.lowerBound * width)..<(range.upperBound * width)])
        }
        inputs = zip(data.inputs, data.inputWidths).map(slice)
        targets = zip(data.targets, data.targetWidths).map(slice)
        (inputWidths, targetWidths) = (data.inputWidths, data.targetWidths)
        sampleWeight = data.sampleWeight.map { slice($0, 1) }
        rows = range.count
    }

    /// The rows in `range` (Keras' `validation_split` takes the last ones).
    func rows(in range: Range<Int>) -> TrainingData { TrainingData(copying: self, rows: range) }

    /// Copies rows `order` of `values` (`width` per row) to the start of `buffer` plus `offset`.
    static func gather(
        _ values: [Float], width: Int, order: ArraySlice<Int>, into buffer: inout [Float], at offset: Int = 0
    ) {
        values.withUnsafeBufferPointer { x in
            buffer.withUnsafeMutableBufferPointer { out in
                for (k, row) in order.enumerated() {
                    (out.baseAddress! + offset + k * width).update(from: x.baseAddress! + row * width, count: width)
                }
            }
        }
    }
}
