#ifndef CLEARNKERNELS_H
#define CLEARNKERNELS_H

/*
 * SwiftLearn's fused row-block kernels: the few loops that BLAS has no call for, written once for
 * the linear-algebra core (LearnCore is their only caller). Each entry point picks an AVX2 + FMA
 * body at run time when the CPU has one (Swift itself compiles for baseline x86-64, where the same
 * loops ran ~1.6x slower) and a plain portable body otherwise (LearnCore sends such CPUs to BLAS
 * instead); both are exported so tests check each against BLAS.
 *
 * All matrices are row-major doubles with the given row strides; counts are non-negative.
 */

#include <stdbool.h>
#include <stddef.h>

/* Whether this CPU (and OS) run the AVX2 + FMA bodies. */
bool learn_kernels_have_avx2_fma(void);

/*
 * z[i * classes + c] = sum_j x[i * columns + j] * w[c * ldw + j]   for i < rows, c < classes.
 * `prefetch` (may be NULL) names `prefetch_count` doubles the caller reads next: their cache lines are
 * requested, spread over the call, while these rows are multiplied. Prefetching never faults.
 */
void learn_row_products(const double *x, long rows, long columns, const double *w, long classes, long ldw,
                        double *z, const double *prefetch, long prefetch_count);
void learn_row_products_portable(const double *x, long rows, long columns, const double *w, long classes, long ldw,
                                 double *z, const double *prefetch, long prefetch_count);

/* g[c * ldg + j] += sum_i z[i * classes + c] * x[i * columns + j]   for c < classes, j < columns;
   `prefetch` as for learn_row_products. */
void learn_accumulate_rows(const double *x, long rows, long columns, const double *z, long classes,
                           double *g, long ldg, const double *prefetch, long prefetch_count);
void learn_accumulate_rows_portable(const double *x, long rows, long columns, const double *z, long classes,
                                    double *g, long ldg, const double *prefetch, long prefetch_count);

/* y[i] = e^x[i] (y may be x). Within 1 ulp in the normal range; 0 below -745.2, +inf above 709.8, NaN kept. */
void learn_exp(const double *x, double *y, long count);
void learn_exp_portable(const double *x, double *y, long count);

#endif
