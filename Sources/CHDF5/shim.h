// libhdf5 (serial). Macros such as H5T_NATIVE_DOUBLE expand to run-time globals that Swift cannot
// import, so the ones SwiftLearn needs are wrapped in static inline functions here.
#include <hdf5.h>

static inline hid_t swiftlearn_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t swiftlearn_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t swiftlearn_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t swiftlearn_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t swiftlearn_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t swiftlearn_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t swiftlearn_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t swiftlearn_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline unsigned swiftlearn_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned swiftlearn_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned swiftlearn_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline size_t swiftlearn_h5t_variable(void) { return H5T_VARIABLE; }
