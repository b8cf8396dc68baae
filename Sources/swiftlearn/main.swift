import LearnCore

// OpenBLAS picks its kernels when it loads, so the fix for a generic core is a fresh process.
BLASKernelSelection.reexecuteWithFastKernelsIfNeeded()
SwiftLearnCommand.main()
