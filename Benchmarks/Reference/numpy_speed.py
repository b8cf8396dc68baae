"""The machine's anchors for `swiftlearn bench speed`: numpy's own OpenBLAS, single-threaded.

Run:  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv-reference/bin/python Benchmarks/Reference/numpy_speed.py
(`make reference` creates the venv with the pinned numpy.) Medians of 7 runs after a warm-up, like the Swift suite.
"""
import statistics
import time

import numpy as np


def median_seconds(fn, runs=7):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    n = 2048
    rng = np.random.default_rng(0)
    for name, dtype in (("dgemm-2048", np.float64), ("sgemm-2048", np.float32)):
        a = rng.random((n, n)).astype(dtype)
        b = rng.random((n, n)).astype(dtype)
        seconds = median_seconds(lambda: a @ b)
        print(f"numpy {name:<20} {seconds:.5f} s  {2 * n**3 / seconds / 1e9:7.2f} GFLOP/s")
    count = 10_000_000
    x = rng.random(count)
    y = np.empty_like(x)
    seconds = median_seconds(lambda: np.copyto(y, x))
    print(f"numpy {'copy-10m':<20} {seconds:.5f} s  {16 * count / seconds / 1e9:7.2f} GB/s (read + write)")
    seconds = median_seconds(lambda: np.add(x, y, out=x))
    print(f"numpy {'add-inplace-10m':<20} {seconds:.5f} s  {24 * count / seconds / 1e9:7.2f} GB/s (2 reads + 1 write)")
    seconds = median_seconds(lambda: x.sum())
    print(f"numpy {'sum-10m':<20} {seconds:.5f} s  {8 * count / seconds / 1e9:7.2f} GB/s (read)")
    print("openblas:", np.show_config(mode="dicts")["Build Dependencies"]["blas"].get("openblas configuration"))


if __name__ == "__main__":
    main()
