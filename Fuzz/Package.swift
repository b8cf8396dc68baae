// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for SwiftLearn's file readers (`make fuzz`, `make fuzz-smoke`; see Docs/Fuzzing.md).
// A nested package nothing depends on, so the unsafe `-parse-as-library` flag is allowed here: each
// fuzzer is one file defining `LLVMFuzzerTestOneInput`, and libFuzzer supplies `main`.
let libraryFile: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
// libFuzzer itself is linked into the fuzzers only: the root package's build-tool executables
// (EmbedDatasetsTool) cannot link with `-sanitize=fuzzer`, so the build passes `-sanitize=address` and
// `-sanitize-coverage=…` to everything and the fuzzers add libFuzzer here.
let libFuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "SwiftLearn") },
        swiftSettings: libraryFile,
        linkerSettings: libFuzzer
    )
}

let package = Package(
    name: "SwiftLearnFuzz",
    products: [
        .executable(name: "fuzz-estimator-load", targets: ["fuzz-estimator-load"]),
        .executable(name: "fuzz-keras-load", targets: ["fuzz-keras-load"]),
        .executable(name: "fuzz-inspect", targets: ["fuzz-inspect"]),
        .executable(name: "fuzz-csv", targets: ["fuzz-csv"]),
        .executable(name: "fuzz-parameters", targets: ["fuzz-parameters"]),
        .executable(name: "fuzz-seeds", targets: ["fuzz-seeds"])
    ],
    dependencies: [.package(name: "SwiftLearn", path: "..")],
    targets: [
        // Writes each input to this process's own scratch file (the loaders read paths, not bytes).
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        fuzzer("fuzz-estimator-load", ["LearnCore", "LearnHDF5", "LearnLinear", "LearnPreprocessing", "LearnNeural"]),
        fuzzer("fuzz-keras-load", ["LearnCore", "LearnHDF5", "LearnNeural"]),
        fuzzer("fuzz-inspect", ["LearnHDF5"]),
        fuzzer("fuzz-csv", ["LearnData"]),
        fuzzer("fuzz-parameters", ["LearnCore", "LearnLinear", "LearnPreprocessing", "LearnNeural"]),
        // Writes one seed file per persisted class (built without the fuzzer sanitizer).
        .executableTarget(
            name: "fuzz-seeds",
            dependencies: ["LearnCore", "LearnData", "LearnHDF5", "LearnLinear", "LearnPreprocessing", "LearnNeural"]
                .map { .product(name: $0, package: "SwiftLearn") }
        )
    ]
)
