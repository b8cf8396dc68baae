#if canImport(Glibc)
    import Glibc
#endif

/// Transparent-huge-page advice for large buffers, as NumPy gives its large arrays.
///
/// A fresh multi-megabyte output is first touched page by page; under virtualisation each 4 KiB
/// fault is expensive (a 2048² dgemm's 32 MB output costs ~15% of the product's time). Asking
/// the kernel for 2 MiB pages on the buffer's aligned interior turns 8192 faults into 16.
enum HugePages {
    /// Buffers from this size up get the advice (NumPy uses the same 4 MiB threshold).
    static let threshold = 4 << 20
    private static let hugePageSize = 2 << 20

    /// Advises huge pages for the 2 MiB-aligned part of `[pointer, pointer + byteCount)`.
    /// Has no effect (and costs one system call) where transparent huge pages are off.
    static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
            guard byteCount >= threshold else { return }
            let start = (Int(bitPattern: pointer) + hugePageSize - 1) & ~(hugePageSize - 1)
            let end = (Int(bitPattern: pointer) + byteCount) & ~(hugePageSize - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
