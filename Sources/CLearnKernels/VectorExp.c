#include "CLearnKernels.h"
#include <math.h>

void learn_exp_portable(const double *x, double *y, long count) {
    for (long i = 0; i < count; i++) y[i] = exp(x[i]);
}

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX2_FMA __attribute__((target("avx2,fma")))

/*
 * e^x = 2^k e^r with k = round(x / ln 2) and |r| <= ln(2) / 2: r by Cody and Waite's two-part ln 2
 * (the high part has 21 trailing zero bits, so k * ln2_hi is exact), e^r by its Taylor series to
 * r^13 (remainder below 2^-60), and 2^k as two exponent-field powers 2^k1 * 2^k2 so results in the
 * subnormal range and overflow to infinity come out as IEEE arithmetic rounds them.
 */
AVX2_FMA static void exp_avx2(const double *x, double *y, long count) {
    const __m256d lowest = _mm256_set1_pd(-746.0), highest = _mm256_set1_pd(710.0);
    const __m256d log2e = _mm256_set1_pd(1.4426950408889634074);
    const __m256d ln2_hi = _mm256_set1_pd(6.93147180369123816490e-01), ln2_lo = _mm256_set1_pd(1.90821492927058770002e-10);
    /* 1.5 * 2^52 + 1023: adding it puts k + 1023 in the low mantissa bits, ready to shift into the exponent. */
    const __m256d exponent_magic = _mm256_set1_pd(6755399441055744.0 + 1023.0);
    static const double taylor[14] = {
        1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
        1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0,
    };
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        const __m256d v = _mm256_loadu_pd(x + i);
        const __m256d clamped = _mm256_min_pd(_mm256_max_pd(v, lowest), highest);
        const __m256d k = _mm256_round_pd(_mm256_mul_pd(clamped, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        __m256d r = _mm256_fnmadd_pd(k, ln2_hi, clamped);
        r = _mm256_fnmadd_pd(k, ln2_lo, r);
        __m256d p = _mm256_set1_pd(taylor[0]);
        for (int t = 1; t < 14; t++) p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(taylor[t]));
        const __m256d k1 = _mm256_floor_pd(_mm256_mul_pd(k, _mm256_set1_pd(0.5)));
        const __m256d k2 = _mm256_sub_pd(k, k1);
        const __m256d s1 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(_mm256_add_pd(k1, exponent_magic)), 52));
        const __m256d s2 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_castpd_si256(_mm256_add_pd(k2, exponent_magic)), 52));
        const __m256d result = _mm256_mul_pd(_mm256_mul_pd(p, s1), s2);
        const __m256d nan = _mm256_cmp_pd(v, v, _CMP_UNORD_Q);
        _mm256_storeu_pd(y + i, _mm256_blendv_pd(result, v, nan));
    }
    for (; i < count; i++) y[i] = exp(x[i]);
}
#endif

void learn_exp(const double *x, double *y, long count) {
#if defined(__x86_64__)
    if (learn_kernels_have_avx2_fma()) {
        exp_avx2(x, y, count);
        return;
    }
#endif
    learn_exp_portable(x, y, count);
}
