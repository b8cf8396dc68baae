import CBLAS
import Foundation

/// What OpenBLAS is doing in this process: its kernel family, its thread count, and whether
/// it picked slow generic kernels on a CPU that has faster ones.
///
/// Debian's OpenBLAS 0.3.21 does not recognise some recent Xeons and falls back to its generic
/// `Prescott` kernels (dgemm ~9 GFLOP/s instead of ~59). Setting `OPENBLAS_CORETYPE=SkylakeX`
/// (AVX-512) or `Haswell` (AVX2) fixes it, but only in the environment of a process *before* it
/// starts: OpenBLAS chooses its kernels when the library loads. SwiftLearn's own entry points set
/// it; a program that links the library and hits a generic core gets one warning on stderr at
/// its first BLAS call (silence it with `SWIFTLEARN_NO_BLAS_WARNING=1`).
public enum BLASRuntime {
    /// The kernel family OpenBLAS selected, e.g. `"SkylakeX"`, `"Haswell"` or `"Prescott"`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses (values below 1 are treated as 1).
    ///
    /// Do not combine a threaded BLAS with SwiftLearn's own parallel loops: on these 2-vCPU
    /// machines two spinning thread pools make runs 10–30× slower.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// The `OPENBLAS_CORETYPE` value that would give this CPU fast kernels, or `nil` when the
    /// kernels in use are already right (or the CPU has neither AVX2 nor AVX-512).
    public static var recommendedCoreType: String? {
        recommendedCoreType(forCore: coreName, cpuFlags: CPUFeatures.flags)
    }

    /// The decision behind ``recommendedCoreType``: the `OPENBLAS_CORETYPE` for a CPU with
    /// `cpuFlags` (as in `/proc/cpuinfo`) when OpenBLAS runs its `coreName` kernels, or `nil`.
    public static func recommendedCoreType(forCore coreName: String, cpuFlags: Set<String>) -> String? {
        let core = coreName.lowercased()
        let avx512Cores: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]
        let avx2Cores: Set<String> = avx512Cores.union(["haswell", "zen", "zen2", "zen3", "zen4"])
        let hasAVX512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains)
        let hasAVX2 = cpuFlags.contains("avx2") && cpuFlags.contains("fma")
        if hasAVX512 && !avx512Cores.contains(core) { return "SkylakeX" }
        if hasAVX2 && !avx2Cores.contains(core) { return "Haswell" }
        return nil
    }

    /// The one-time warning, evaluated lazily (and thread-safely) by the first BLAS call.
    private static let firstUseCheck: Void = {
        let environment = ProcessInfo.processInfo.environment
        guard environment["SWIFTLEARN_NO_BLAS_WARNING"] == nil,
            let better = recommendedCoreType
        else { return }
        let message = """
            SwiftLearn warning: OpenBLAS is using its generic '\(coreName)' kernels on a CPU that \
            supports '\(better)' (about 6x slower). Start the program with \
            OPENBLAS_CORETYPE=\(better) in its environment.\n
            """
        FileHandle.standardError.write(Data(message.utf8))
    }()

    /// Called by every BLAS/LAPACK entry point; warns once per process if the kernels are slow.
    @inline(__always)
    static func noteFirstUse() { _ = firstUseCheck }
}

/// CPU feature flags as Linux reports them in `/proc/cpuinfo`.
enum CPUFeatures {
    /// The `flags` of the first processor, e.g. `avx2`, `fma`, `avx512f`; empty if unreadable.
    static let flags: Set<String> = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }()
}
