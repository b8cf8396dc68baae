extension Array {
    /// This array as `[Int]` when `Element` is `Int`, without copying; `nil` otherwise.
    ///
    /// `array as? [Int]` on a generic array converts element by element at run time (~30 ns each);
    /// generic code that wants an integer fast path checks the type once and reinterprets instead.
    @inlinable
    public var asIntegers: [Int]? {
        Element.self == Int.self ? unsafeBitCast(self, to: [Int].self) : nil
    }
}

extension Array where Element == Int {
    /// This array as `[T]` when `T` is `Int`, without copying; `nil` otherwise.
    @inlinable
    public func reinterpreted<T>(as _: T.Type) -> [T]? {
        T.self == Int.self ? unsafeBitCast(self, to: [T].self) : nil
    }
}
