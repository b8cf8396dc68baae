import CBLAS
import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnLinear
import LearnMetrics
import LearnNeural
import LearnSelection

/// The core speed suite behind `swiftlearn bench speed`: dense products through the library
/// against direct cblas calls, and memory-bound kernels against `memcpy` of the same buffer.
///
/// The `-raw` rows call cblas directly on purpose — they are the yardstick the library's own
/// `matmul` is measured against — and are the only BLAS calls outside `LearnCore`.
public struct SpeedSuite: Sendable {
    /// Matrix size of the gemm rows.
    public var gemmSize: Int
    /// Element count of the memory-bound rows.
    public var vectorCount: Int
    /// Timed runs per row (the median is reported).
    public var runs: Int
    /// Rows of the `make-classification` row (20 features, randomState 2).
    public var generatorSamples: Int
    /// Rows of the `train-test-split` row (100 features, stratified, two classes).
    public var splitSamples: Int
    /// Labels of the `classification-report` row (10 classes).
    public var reportLabels: Int
    /// Rows of the binary `logreg-fit` row (`logRegSamples` × 100); the multiclass row uses half as many × 50.
    public var logRegSamples: Int
    /// When set, only rows whose name contains this text run (with the rows they are compared to).
    public var filter: String?

    /// The suite as `swiftlearn bench speed` runs it; `quick` takes fewer runs.
    public init(quick: Bool = false) {
        self.init(
            gemmSize: 2048, vectorCount: 10_000_000, runs: quick ? 3 : 7, generatorSamples: 1_000_000,
            splitSamples: 100_000, reportLabels: 1_000_000, logRegSamples: 100_000)
    }

    /// A suite with custom sizes (tests use small ones; names keep the standard suffixes).
    public init(
        gemmSize: Int, vectorCount: Int, runs: Int, generatorSamples: Int = 1_000_000,
        splitSamples: Int = 100_000, reportLabels: Int = 1_000_000, logRegSamples: Int = 100_000
    ) {
        self.gemmSize = gemmSize
        self.vectorCount = vectorCount
        self.runs = runs
        self.generatorSamples = generatorSamples
        self.splitSamples = splitSamples
        self.reportLabels = reportLabels
        self.logRegSamples = logRegSamples
    }

    /// Runs every row, calling `progress` with each finished row's name.
    public func run(progress: (String) -> Void = { _ in }) throws -> SpeedReport {
        var results: [SpeedResult] = []
        func record(_ result: SpeedResult) {
            results.append(result)
            progress(result.name)
        }

        if wants("d" + gemmName) {
            let double = try gemmRows(Double.self)
            [double.library, double.raw].forEach(record)
        }
        if wants("s" + gemmName) {
            let single = try gemmRows(Float.self)
            [single.library, single.raw].forEach(record)
        }
        let addName = "elementwise-add-\(vectorName)", sumName = "sum-\(vectorName)"
        if wants("memcpy-\(vectorName)") || wants(addName) || wants(sumName) {
            let copy = memcpyRow()
            record(copy)
            if wants(addName) { record(try addRow(reference: copy)) }
            if wants(sumName) { record(sumRow(reference: copy)) }
        }
        if wants("make-classification-\(Self.countName(generatorSamples))") { record(try makeClassificationRow()) }
        if wants("train-test-split-\(Self.countName(splitSamples))") { record(try trainTestSplitRow()) }
        if wants("classification-report-\(Self.countName(reportLabels))") { record(try classificationReportRow()) }
        if wants("hdf5-save-load-\(vectorName)") { record(try hdf5Row()) }
        if wants("mlp-epoch-\(Self.countName(logRegSamples / 10))") { record(try mlpRow()) }
        let cnnName = Self.countName(logRegSamples / 10)
        if wants("cnn-epoch-\(cnnName)") || wants("cnn-predict-\(cnnName)") {
            let (train, predict) = try cnnRows()
            if wants("cnn-epoch-\(cnnName)") { record(train) }
            if wants("cnn-predict-\(cnnName)") { record(predict) }
        }
        if wants("logreg-fit-\(Self.countName(logRegSamples))") { record(try logisticRow(multiclass: false)) }
        if wants("logreg-fit-multiclass-\(Self.countName(logRegSamples / 2))") {
            record(try logisticRow(multiclass: true))
        }
        return SpeedReport(
            version: SwiftLearnVersion.string, blasCore: BLASRuntime.coreName,
            blasThreads: BLASRuntime.threadCount, results: results)
    }

    /// Whether the row called `name` (or its `-raw` partner) passes ``filter``.
    private func wants(_ name: String) -> Bool {
        guard let filter, !filter.isEmpty else { return true }
        return name.contains(filter) || (name + "-raw").contains(filter)
    }

    private var gemmName: String { "gemm-\(gemmSize)" }
    private var vectorName: String { "\(vectorCount / 1_000_000)m" }

    private func squareInputs<S: LearnScalar>(_: S.Type) throws -> (Matrix<S>, Matrix<S>) {
        let n = gemmSize
        let a = try Matrix<S>(rows: n, columns: n, scalars: (0..<(n * n)).map { S(($0 % 97)) / 97 - 0.5 })
        let b = try Matrix<S>(rows: n, columns: n, scalars: (0..<(n * n)).map { S(($0 % 89)) / 89 - 0.5 })
        return (a, b)
    }

    private func gflops(_ seconds: Double) -> Double { 2 * pow(Double(gemmSize), 3) / seconds / 1e9 }

    /// The library's `matmul` and a direct cblas call on the same inputs, timed in alternation.
    private func gemmRows<S: LearnScalar>(_ type: S.Type) throws -> (library: SpeedResult, raw: SpeedResult) {
        let (a, b) = try squareInputs(type)
        let n = Int32(gemmSize)
        var c = [S](repeating: 0, count: gemmSize * gemmSize)
        let (library, raw) = try Measurement.interleavedMedianSeconds(
            runs: runs,
            {
                blackHole(try matmul(a, b))
            },
            {
                a.withUnsafeBufferPointer { ap in
                    b.withUnsafeBufferPointer { bp in
                        c.withUnsafeMutableBufferPointer { cp in
                            rawGemm(n, ap.baseAddress!, bp.baseAddress!, cp.baseAddress!)
                        }
                    }
                }
            })
        let rawRow = SpeedResult(
            name: S.blasPrefix + gemmName + "-raw", seconds: raw, throughput: gflops(raw), unit: "GFLOP/s")
        let libraryRow = SpeedResult(
            name: S.blasPrefix + gemmName, seconds: library, throughput: gflops(library), unit: "GFLOP/s")
        return (relative(libraryRow, to: rawRow), rawRow)
    }

    /// A direct `cblas_?gemm`, bypassing every SwiftLearn layer.
    private func rawGemm<S: LearnScalar>(
        _ n: Int32, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ c: UnsafeMutablePointer<S>
    ) {
        if S.self == Double.self {
            a.withMemoryRebound(to: Double.self, capacity: Int(n * n)) { a in
                b.withMemoryRebound(to: Double.self, capacity: Int(n * n)) { b in
                    c.withMemoryRebound(to: Double.self, capacity: Int(n * n)) { c in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n)
                    }
                }
            }
        } else {
            a.withMemoryRebound(to: Float.self, capacity: Int(n * n)) { a in
                b.withMemoryRebound(to: Float.self, capacity: Int(n * n)) { b in
                    c.withMemoryRebound(to: Float.self, capacity: Int(n * n)) { c in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n)
                    }
                }
            }
        }
    }

    private func gigabytesPerSecond(bytes: Int, _ seconds: Double) -> Double { Double(bytes) / seconds / 1e9 }

    /// `memcpy` between two buffers of `vectorCount` doubles; bytes counted = read + written.
    private func memcpyRow() -> SpeedResult {
        let source = [Double](repeating: 1.5, count: vectorCount)
        var destination = [Double](repeating: 0, count: vectorCount)
        let bytes = 2 * vectorCount * MemoryLayout<Double>.stride
        let seconds = Measurement.medianSeconds(runs: runs) {
            source.withUnsafeBytes { s in
                destination.withUnsafeMutableBytes { d in _ = memcpy(d.baseAddress!, s.baseAddress!, s.count) }
            }
        }
        return SpeedResult(
            name: "memcpy-\(vectorName)", seconds: seconds,
            throughput: gigabytesPerSecond(bytes: bytes, seconds), unit: "GB/s")
    }

    /// `a += b` over `vectorCount` doubles through the library's broadcasting add, in place;
    /// bytes counted = two reads + one write.
    private func addRow(reference: SpeedResult) throws -> SpeedResult {
        var a = try Matrix<Double>(rows: 1, columns: vectorCount, repeating: 0.25)
        let b = try Matrix<Double>(rows: 1, columns: vectorCount, repeating: 1e-9)
        let bytes = 3 * vectorCount * MemoryLayout<Double>.stride
        let seconds = try Measurement.medianSeconds(runs: runs) { try a += b }
        blackHole(a)
        return relative(
            SpeedResult(
                name: "elementwise-add-\(vectorName)", seconds: seconds,
                throughput: gigabytesPerSecond(bytes: bytes, seconds), unit: "GB/s"), to: reference)
    }

    /// `a.sum()` over `vectorCount` doubles; bytes counted = one read.
    private func sumRow(reference: SpeedResult) -> SpeedResult {
        let values = (0..<vectorCount).map { Double($0 % 1000) * 1e-3 }
        let a = Matrix<Double>(row: values)
        let bytes = vectorCount * MemoryLayout<Double>.stride
        let seconds = Measurement.medianSeconds(runs: runs) { blackHole(a.sum()) }
        return relative(
            SpeedResult(
                name: "sum-\(vectorName)", seconds: seconds,
                throughput: gigabytesPerSecond(bytes: bytes, seconds), unit: "GB/s"), to: reference)
    }

    /// `makeClassification(nSamples: generatorSamples, nFeatures: 20, randomState: 2)`, the call
    /// `Benchmarks/Reference/make_classification_speed.py` times in scikit-learn; samples per second.
    private func makeClassificationRow() throws -> SpeedResult {
        let seconds = try Measurement.medianSeconds(runs: Swift.min(runs, 5)) {
            blackHole(try makeClassification(nSamples: generatorSamples, nFeatures: 20, randomState: 2).X)
        }
        return SpeedResult(
            name: "make-classification-\(Self.countName(generatorSamples))", seconds: seconds,
            throughput: Double(generatorSamples) / seconds, unit: "samples/s")
    }

    /// `trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y)` on `splitSamples × 100`
    /// rows from `makeClassification(…, randomState: 0)`; rows per second.
    private func trainTestSplitRow() throws -> SpeedResult {
        let (X, y) = try makeClassification(nSamples: splitSamples, nFeatures: 100, randomState: 0)
        let seconds = try Measurement.medianSeconds(runs: runs) {
            blackHole(try trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y).xTrain)
        }
        return SpeedResult(
            name: "train-test-split-\(Self.countName(splitSamples))", seconds: seconds,
            throughput: Double(splitSamples) / seconds, unit: "samples/s")
    }

    /// `classificationReport(yTrue, yPred)` (text) on `reportLabels` labels of 10 classes: `yTrue`
    /// uniform, `yPred` equal to it except 30% redrawn (RandomState 0); labels per second.
    private func classificationReportRow() throws -> SpeedResult {
        var rng = RandomState(seed: 0)
        let yTrue = try rng.randint(10, count: reportLabels)
        let redraw = try rng.randomSample(count: reportLabels)
        let other = try rng.randint(10, count: reportLabels)
        let yPred = yTrue.indices.map { redraw[$0] < 0.3 ? other[$0] : yTrue[$0] }
        let seconds = try Measurement.medianSeconds(runs: runs) {
            blackHole(try classificationReport(yTrue, yPred).description)
        }
        return SpeedResult(
            name: "classification-report-\(Self.countName(reportLabels))", seconds: seconds,
            throughput: Double(reportLabels) / seconds, unit: "labels/s")
    }

    /// An atomic save of `vectorCount` Float weights (as a network's kernels are stored) and a full load
    /// back; seconds = save + load, the note gives each, throughput = weights per second both ways.
    private func hdf5Row() throws -> SpeedResult {
        let weights = (0..<vectorCount).map { Float($0 % 1000) * 1e-3 }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlearn-bench-\(getpid()).h5").path
        defer { unlink(path) }
        let rows = Swift.max(1, vectorCount / 1000)
        let save = try Measurement.medianSeconds(runs: Swift.min(runs, 5)) {
            try HDF5File.writeAtomically(to: path) { file in
                try file.root.write(weights, shape: [rows, vectorCount / rows], to: "kernel")
            }
        }
        var loaded = 0
        let load = try Measurement.medianSeconds(runs: Swift.min(runs, 5)) {
            loaded = try HDF5File.open(path).root.read(Float.self, from: "kernel").values.count
        }
        var row = SpeedResult(
            name: "hdf5-save-load-\(vectorName)", seconds: save + load,
            throughput: Double(2 * loaded) / (save + load), unit: "values/s")
        row.note = String(format: "save %.3f s, load %.3f s", save, load)
        return row
    }

    /// One epoch of the seed article's network (Dense 1024 relu → Dropout 0.5 → Dense 512 relu →
    /// Dropout 0.5 → Dense 1 sigmoid, Adam 1e-3, binary cross-entropy, batch 32) on
    /// `makeClassification(nSamples: logRegSamples / 10, nFeatures: 20, randomState: 0)`; samples per second.
    private func mlpRow() throws -> SpeedResult {
        let n = logRegSamples / 10
        let (X, y) = try makeClassification(nSamples: n, nFeatures: 20, randomState: 0)
        var net = Sequential(randomState: 0) {
            Dense(1024, activation: .relu)
            Dropout(0.5)
            Dense(512, activation: .relu)
            Dropout(0.5)
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.001), loss: .binaryCrossentropy, metrics: [.accuracy])
        var last = History()
        let seconds = try Measurement.medianSeconds(runs: Swift.min(runs, 3)) {
            last = try net.fit(X, y, epochs: 1, batchSize: 32, verbose: 0)
        }
        var row = SpeedResult(
            name: "mlp-epoch-\(Self.countName(n))", seconds: seconds, throughput: Double(n) / seconds, unit: "samples/s"
        )
        row.note = String(format: "train accuracy %.4f", last.history["accuracy"]?.last ?? 0)
        return row
    }

    /// The seed articles' CIFAR-10 network (Conv2D 32 3×3 relu → MaxPooling2D 2 → Conv2D 64 3×3 relu →
    /// MaxPooling2D 2 → Flatten → Dense 64 relu → Dense 10 softmax, Adam, sparse cross-entropy) on
    /// `logRegSamples / 10` random 32 × 32 × 3 images: one training epoch of batch 64, and inference at batch 64.
    private func cnnRows() throws -> (train: SpeedResult, predict: SpeedResult) {
        let n = logRegSamples / 10
        var rng = RandomState(seed: 0)
        let images = try Tensor(shape: [n, 32, 32, 3], scalars: try rng.randomSample(count: n * 32 * 32 * 3))
        let labels = (0..<n).map { _ in Int(rng.nextUInt32() % 10) }
        var net = Sequential(randomState: 0) {
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPooling2D(2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            MaxPooling2D(2)
            Flatten()
            Dense(64, activation: .relu)
            Dense(10, activation: .softmax)
        }
        net.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        let trainSeconds = try Measurement.medianSeconds(runs: Swift.min(runs, 3)) {
            try net.fit(images, labels, epochs: 1, batchSize: 64, verbose: 0)
        }
        let predictSeconds = try Measurement.medianSeconds(runs: Swift.min(runs, 3)) {
            _ = try net.predict(images, batchSize: 64)
        }
        let name = Self.countName(n)
        return (
            SpeedResult(
                name: "cnn-epoch-\(name)", seconds: trainSeconds, throughput: Double(n) / trainSeconds, unit: "images/s"
            ),
            SpeedResult(
                name: "cnn-predict-\(name)", seconds: predictSeconds, throughput: Double(n) / predictSeconds,
                unit: "images/s")
        )
    }

    /// `LogisticRegression()` (lbfgs, C = 1) fitted to `makeClassification`: binary `n × 100`
    /// (nInformative 20, randomState 0) or 5 classes `n/2 × 50` (nInformative 30, randomState 1);
    /// rows per second, with the training accuracy in the name's reference slot for the report.
    private func logisticRow(multiclass: Bool) throws -> SpeedResult {
        let n = multiclass ? logRegSamples / 2 : logRegSamples
        let (X, y) =
            multiclass
            ? try makeClassification(nSamples: n, nFeatures: 50, nInformative: 30, nClasses: 5, randomState: 1)
            : try makeClassification(nSamples: n, nFeatures: 100, nInformative: 20, randomState: 0)
        var model = LogisticRegression()
        let seconds = try Measurement.medianSeconds(runs: Swift.min(runs, 5)) {
            var fresh = LogisticRegression()
            try fresh.fit(X, y)
            model = fresh
        }
        let name = multiclass ? "logreg-fit-multiclass-\(Self.countName(n))" : "logreg-fit-\(Self.countName(n))"
        var row = SpeedResult(name: name, seconds: seconds, throughput: Double(n) / seconds, unit: "samples/s")
        row.note = String(
            format: "train accuracy %.4f, %d iterations, %d evaluations", try model.score(X, y), model.nIter,
            model.nEvaluations)
        return row
    }

    /// `1m`, `10k`, or the plain count.
    static func countName(_ n: Int) -> String {
        if n % 1_000_000 == 0 { return "\(n / 1_000_000)m" }
        if n % 1_000 == 0 { return "\(n / 1_000)k" }
        return "\(n)"
    }

    private func relative(_ row: SpeedResult, to reference: SpeedResult) -> SpeedResult {
        var row = row
        row.reference = SpeedReference(
            name: reference.name, throughput: reference.throughput, ratio: row.throughput / reference.throughput)
        return row
    }
}
