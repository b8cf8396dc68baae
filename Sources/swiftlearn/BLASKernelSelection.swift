import Foundation
import LearnCore

/// Makes the `swiftlearn` tool run on OpenBLAS' fast kernels without the user setting anything.
enum BLASKernelSelection {
    /// If OpenBLAS chose a generic core on a CPU with AVX2/AVX-512 and `OPENBLAS_CORETYPE` is not
    /// set, sets it and replaces this process with a fresh copy of itself (same arguments).
    /// Exec failing is not fatal: the run continues on the slow kernels, and the library warns.
    static func reexecuteWithFastKernelsIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
            let core = BLASRuntime.recommendedCoreType
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
