@preconcurrency import CHDF5
import LearnCore

/// One-time libhdf5 set-up and the translation of its error stack into `LearnError` messages.
enum HDF5Library {
    /// Opens the library, silences HDF5's own stderr error printing (errors become Swift errors), turns
    /// off filter plugins (a file must not make the process load a shared library) and installs the
    /// raw variable-length string path (`HDF5VariableStrings`).
    ///
    /// HDF5's exit handler is switched off first: libhdf5 1.10 leaves a file whose close failed (a full
    /// disk, a file size limit) half-freed in its table, and closing it again at exit is a segfault
    /// (fixed upstream in 1.14.1). Every SwiftLearn save closes its file itself, so nothing is lost.
    static let ready: Bool = {
        _ = H5dont_atexit()
        _ = H5open()
        _ = H5Eset_auto2(hid_t(H5E_DEFAULT), nil, nil)
        _ = H5PLset_loading_state(0)
        HDF5VariableStrings.register()
        return true
    }()

    /// Makes sure the library is ready and silences HDF5's error printing on the calling thread too:
    /// the thread-safe libhdf5 keeps that setting per thread.
    static func prepare() {
        _ = ready
        _ = H5Eset_auto2(hid_t(H5E_DEFAULT), nil, nil)
    }

    /// The innermost messages of the current HDF5 error stack, e.g. "unable to open file: file signature not found".
    static func errorStackMessage() -> String {
        final class Collector { var messages: [String] = [] }
        let collector = Collector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        _ = H5Ewalk2(
            hid_t(H5E_DEFAULT), H5E_WALK_DOWNWARD,
            { _, error, data in
                guard let error, let data else { return 0 }
                let collector = Unmanaged<Collector>.fromOpaque(data).takeUnretainedValue()
                if let description = error.pointee.desc { collector.messages.append(String(cString: description)) }
                return 0
            }, box.toOpaque())
        _ = H5Eclear2(hid_t(H5E_DEFAULT))
        let distinct = collector.messages.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return distinct.isEmpty ? "unknown HDF5 error" : distinct.prefix(3).joined(separator: ": ")
    }

    /// `id` when it is valid, else the error built by `failure` with HDF5's message.
    @discardableResult
    static func check(_ id: hid_t, _ failure: (String) -> LearnError) throws -> hid_t {
        guard id >= 0 else { throw failure(errorStackMessage()) }
        return id
    }

    /// Throws when an HDF5 status is negative.
    static func check(_ status: herr_t, _ failure: (String) -> LearnError) throws {
        guard status >= 0 else { throw failure(errorStackMessage()) }
    }
}
