@preconcurrency import CHDF5

/// A number type stored in HDF5 datasets and attributes: `Float`, `Double`, `Int32`, `Int64`, `UInt8`.
public protocol HDF5Scalar: Sendable {
    /// The HDF5 native memory type.
    static var hdf5Type: hid_t { get }
    /// The HDF5 type class (float or integer) a stored dataset must have to be read as this type.
    static var hdf5Class: H5T_class_t { get }
    /// Bytes per value.
    static var hdf5Size: Int { get }
    /// A name for messages (`float32`, `int64`).
    static var hdf5Name: String { get }
}

extension Double: HDF5Scalar {
    /// `H5T_NATIVE_DOUBLE`.
    public static var hdf5Type: hid_t { swiftlearn_h5t_native_double() }
    /// Floating point.
    public static var hdf5Class: H5T_class_t { H5T_FLOAT }
    /// 8 bytes.
    public static var hdf5Size: Int { 8 }
    /// `float64`.
    public static var hdf5Name: String { "float64" }
}

extension Float: HDF5Scalar {
    /// `H5T_NATIVE_FLOAT`.
    public static var hdf5Type: hid_t { swiftlearn_h5t_native_float() }
    /// Floating point.
    public static var hdf5Class: H5T_class_t { H5T_FLOAT }
    /// 4 bytes.
    public static var hdf5Size: Int { 4 }
    /// `float32`.
    public static var hdf5Name: String { "float32" }
}

extension Int32: HDF5Scalar {
    /// `H5T_NATIVE_INT32`.
    public static var hdf5Type: hid_t { swiftlearn_h5t_native_int32() }
    /// Integer.
    public static var hdf5Class: H5T_class_t { H5T_INTEGER }
    /// 4 bytes.
    public static var hdf5Size: Int { 4 }
    /// `int32`.
    public static var hdf5Name: String { "int32" }
}

extension Int64: HDF5Scalar {
    /// `H5T_NATIVE_INT64`.
    public static var hdf5Type: hid_t { swiftlearn_h5t_native_int64() }
    /// Integer.
    public static var hdf5Class: H5T_class_t { H5T_INTEGER }
    /// 8 bytes.
    public static var hdf5Size: Int { 8 }
    /// `int64`.
    public static var hdf5Name: String { "int64" }
}

extension UInt8: HDF5Scalar {
    /// `H5T_NATIVE_UINT8`.
    public static var hdf5Type: hid_t { swiftlearn_h5t_native_uint8() }
    /// Integer.
    public static var hdf5Class: H5T_class_t { H5T_INTEGER }
    /// 1 byte.
    public static var hdf5Size: Int { 1 }
    /// `uint8`.
    public static var hdf5Name: String { "uint8" }
}
