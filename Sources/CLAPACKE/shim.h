// LAPACKE, the C interface to LAPACK (Debian links it against OpenBLAS' LAPACK).
#include <lapacke.h>
