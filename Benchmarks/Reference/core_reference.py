"""Reference values for LearnCore's tests, computed with NumPy and SciPy.

Writes Tests/LearnCoreTests/Resources/core_reference.json. Run through `make reference`
(which builds the pinned venv) or: python Benchmarks/Reference/core_reference.py OUTPUT.json
Inputs are fixed small matrices (non-square, 1×n, n×1) so the JSON stays readable.
"""
import json
import sys

import numpy as np
import scipy
import scipy.special as sp


def mat(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        return {"shape": [a.shape[0]], "data": a.tolist()}
    return {"shape": list(a.shape), "data": a.ravel().tolist()}


rng = np.random.RandomState(1234)
A34 = np.round(rng.uniform(-2, 2, size=(3, 4)), 3)
B42 = np.round(rng.uniform(-2, 2, size=(4, 2)), 3)
C32 = np.round(rng.uniform(-2, 2, size=(3, 2)), 3)
R1 = np.round(rng.uniform(-2, 2, size=(1, 5)), 3)
C1 = np.round(rng.uniform(-2, 2, size=(5, 1)), 3)
SQ = np.round(rng.uniform(-2, 2, size=(4, 4)), 3)
RHS = np.round(rng.uniform(-2, 2, size=(4, 3)), 3)
M = np.round(rng.uniform(-1, 1, size=(5, 5)), 3)
SPD = M @ M.T + 5 * np.eye(5)
SYM = M + M.T
TALL = np.round(rng.uniform(-2, 2, size=(6, 3)), 3)
TALL_B = np.round(rng.uniform(-2, 2, size=(6, 2)), 3)
WIDE = np.round(rng.uniform(-2, 2, size=(3, 5)), 3)
WIDE_B = np.round(rng.uniform(-2, 2, size=(3, 1)), 3)
RANKDEF = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
RANKDEF_B = np.array([[1.0], [2.0], [3.0], [4.0]])
X = np.round(rng.uniform(-3, 3, size=(3, 4)), 3)
POS = np.abs(X) + 0.1
VEC_X = np.round(rng.uniform(-2, 2, size=7), 3)
VEC_Y = np.round(rng.uniform(-2, 2, size=7), 3)
LARGE = np.array([[1000.0, 1000.5, -1000.0], [-1e4, -1e4 + 1, -1e4 + 2]])
T3 = np.round(rng.uniform(-2, 2, size=(2, 3, 4)), 3)
D23 = np.round(rng.uniform(-2, 2, size=(2, 3)), 3)
# The shared kernels' inputs (drawn after the others, so their values stay as they were).
BA = np.round(rng.uniform(-2, 2, size=(3, 4, 5)), 3)
BB = np.round(rng.uniform(-2, 2, size=(3, 5, 2)), 3)
BC = np.round(rng.uniform(-2, 2, size=(3, 2, 4)), 3)
COLS = np.round(rng.uniform(-3, 3, size=(7, 5)), 3)
PX = np.round(rng.uniform(-2, 2, size=(6, 3)), 3)
PY = np.round(rng.uniform(-2, 2, size=(4, 3)), 3)
PX[4] = PX[1]  # two equal rows: their distance must come out exactly 0, not a tiny negative
PY[2] = PX[0] + 1e-9  # a nearly equal pair: the clamp keeps it non-negative
# Values with ties (a grid of quarters) for the k-smallest selection, plus a NaN in the last row.
KS = np.round(rng.uniform(-1, 1, size=(5, 9)) * 4) / 4
KS[4, 2] = np.nan

ref = {
    "generator": "Benchmarks/Reference/core_reference.py",
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "inputs": {
        "A34": mat(A34), "B42": mat(B42), "C32": mat(C32), "R1": mat(R1), "C1": mat(C1),
        "SQ": mat(SQ), "RHS": mat(RHS), "SPD": mat(SPD), "SYM": mat(SYM),
        "TALL": mat(TALL), "TALL_B": mat(TALL_B), "WIDE": mat(WIDE), "WIDE_B": mat(WIDE_B),
        "RANKDEF": mat(RANKDEF), "RANKDEF_B": mat(RANKDEF_B), "X": mat(X), "POS": mat(POS),
        "VEC_X": mat(VEC_X), "VEC_Y": mat(VEC_Y), "LARGE": mat(LARGE), "T3": mat(T3), "D23": mat(D23),
        "BA": mat(BA.reshape(3, -1)), "BB": mat(BB.reshape(3, -1)), "BC": mat(BC.reshape(3, -1)),
        "COLS": mat(COLS), "PX": mat(PX), "PY": mat(PY),
    },
    "blas": {
        "A34_B42": mat(A34 @ B42),
        "A34T_C32": mat(A34.T @ C32),
        "C32T_A34": mat(C32.T @ A34),
        "A34_A34T": mat(A34 @ A34.T),
        "A34T_D23T": mat(A34.T @ D23.T),
        "C1_R1": mat(C1 @ R1),
        "R1_C1": mat(R1 @ C1),
        "A34_vec4": mat(A34 @ B42[:, 0]),
        "A34T_vec3": mat(A34.T @ C32[:, 0]),
        "dot": float(VEC_X @ VEC_Y),
        "axpy_2.5": mat(2.5 * VEC_X + VEC_Y),
        "scal_-1.5": mat(-1.5 * VEC_X),
        "nrm2": float(np.linalg.norm(VEC_X)),
    },
    "lapack": {
        "solve_SQ_RHS": mat(np.linalg.solve(SQ, RHS)),
        "solve_SQ_vec": mat(np.linalg.solve(SQ, RHS[:, 0])),
        "cholesky_SPD": mat(np.linalg.cholesky(SPD)),
        "spd_solve": mat(np.linalg.solve(SPD, RHS[:, :2].tolist() + [[0.5, -0.5]])),
        "spd_rhs": mat(np.array(RHS[:, :2].tolist() + [[0.5, -0.5]])),
        "lstsq_tall": mat(np.linalg.lstsq(TALL, TALL_B, rcond=None)[0]),
        "lstsq_tall_residuals": mat(np.linalg.lstsq(TALL, TALL_B, rcond=None)[1]),
        "lstsq_tall_sv": mat(np.linalg.lstsq(TALL, TALL_B, rcond=None)[3]),
        "lstsq_wide": mat(np.linalg.lstsq(WIDE, WIDE_B, rcond=None)[0]),
        "lstsq_rankdef": mat(np.linalg.lstsq(RANKDEF, RANKDEF_B, rcond=None)[0]),
        "lstsq_rankdef_rank": int(np.linalg.lstsq(RANKDEF, RANKDEF_B, rcond=None)[2]),
        "eigh_values": mat(np.linalg.eigh(SYM)[0]),
        "eigh_vectors": mat(np.linalg.eigh(SYM)[1]),
        "svd_tall_s": mat(np.linalg.svd(TALL, full_matrices=False)[1]),
        "svd_tall_u": mat(np.linalg.svd(TALL, full_matrices=False)[0]),
        "svd_tall_vt": mat(np.linalg.svd(TALL, full_matrices=False)[2]),
        "svd_wide_s": mat(np.linalg.svd(WIDE, full_matrices=False)[1]),
        "svd_wide_u": mat(np.linalg.svd(WIDE, full_matrices=False)[0]),
        "svd_wide_vt": mat(np.linalg.svd(WIDE, full_matrices=False)[2]),
        "qr_tall_q": mat(np.linalg.qr(TALL)[0]),
        "qr_tall_r": mat(np.linalg.qr(TALL)[1]),
        "qr_wide_q": mat(np.linalg.qr(WIDE)[0]),
        "qr_wide_r": mat(np.linalg.qr(WIDE)[1]),
        "inv_SQ": mat(np.linalg.inv(SQ)),
        "det_SQ": float(np.linalg.det(SQ)),
        "det_SPD": float(np.linalg.det(SPD)),
        "det_RANKDEF_square": float(np.linalg.det(RANKDEF[:3])),
    },
    "elementwise": {
        "exp": mat(np.exp(X)), "log": mat(np.log(POS)), "log1p": mat(np.log1p(POS)),
        "tanh": mat(np.tanh(X)), "sigmoid": mat(sp.expit(X)), "relu": mat(np.maximum(X, 0)),
        "sqrt": mat(np.sqrt(POS)), "abs": mat(np.abs(X)), "clip": mat(np.clip(X, -1.0, 0.5)),
        "sigmoid_extreme": mat(sp.expit(np.array([-800.0, -40.0, 0.0, 40.0, 800.0]))),
        "add_row": mat(A34 + A34[1]), "sub_col": mat(A34 - A34[:, [2]]),
        "mul_same": mat(A34 * X), "div_scalar_left": mat(2.0 / POS), "sub_scalar": mat(A34 - 0.75),
        "outer_col_row": mat(C1 * R1), "maximum_row": mat(np.maximum(X, X[0])),
    },
    "reductions": {
        "sum": float(X.sum()), "sum0": mat(X.sum(0)), "sum1": mat(X.sum(1)),
        "mean": float(X.mean()), "mean0": mat(X.mean(0)), "mean1": mat(X.mean(1)),
        "var": float(X.var()), "var0": mat(X.var(0)), "var1_ddof1": mat(X.var(1, ddof=1)),
        "std0": mat(X.std(0)), "std": float(X.std()),
        "min": float(X.min()), "max": float(X.max()), "min0": mat(X.min(0)), "max1": mat(X.max(1)),
        "argmax": int(X.argmax()), "argmin": int(X.argmin()),
        "argmax0": X.argmax(0).tolist(), "argmin1": X.argmin(1).tolist(),
        "logsumexp": float(sp.logsumexp(X)), "logsumexp0": mat(sp.logsumexp(X, axis=0)),
        "logsumexp1": mat(sp.logsumexp(X, axis=1)), "logsumexp_large1": mat(sp.logsumexp(LARGE, axis=1)),
        "softmax1": mat(sp.softmax(X, axis=1)), "softmax0": mat(sp.softmax(X, axis=0)),
        "log_softmax1": mat(sp.log_softmax(X, axis=1)), "softmax_large1": mat(sp.softmax(LARGE, axis=1)),
        "T3_sum1": mat(T3.sum(1)), "T3_max2": mat(T3.max(2)), "T3_mean0": mat(T3.mean(0)),
        "T3_softmax1": mat(sp.softmax(T3, axis=1).reshape(2, -1)),
        "T3_plus_row": mat((T3 + T3[0, 0]).reshape(2, -1)),
        "T3_plus_mid": mat((T3 + T3[:, :1, :]).reshape(2, -1)),
    },
    # Kernels shared by the estimator families. Distances follow scikit-learn's euclidean_distances
    # (‖x‖² + ‖y‖² − 2 x·y, clamped at 0, diagonal 0 for X against itself), written out here in NumPy so
    # this script needs no scikit-learn; selection is a stable argsort's first k columns.
    "kernels": {
        "batched_BA_BB": mat(np.matmul(BA, BB).reshape(3, -1)),
        "batched_BAT_BC_T": mat(np.matmul(BA.transpose(0, 2, 1), BC.transpose(0, 2, 1)).reshape(3, -1)),
        "column_sums": mat(COLS.sum(axis=0)), "column_means": mat(COLS.mean(axis=0)),
        "euclidean_PX_PY": mat(np.sqrt(np.maximum(
            (PX ** 2).sum(1)[:, None] + (PY ** 2).sum(1)[None, :] - 2 * PX @ PY.T, 0))),
        "sq_euclidean_PX_PY": mat(np.maximum(
            (PX ** 2).sum(1)[:, None] + (PY ** 2).sum(1)[None, :] - 2 * PX @ PY.T, 0)),
        "euclidean_PX": mat(np.sqrt(np.maximum(
            (PX ** 2).sum(1)[:, None] + (PX ** 2).sum(1)[None, :] - 2 * PX @ PX.T, 0)) * (1 - np.eye(6))),
        "exact_euclidean_PX_PY": mat(np.sqrt(((PX[:, None, :] - PY[None, :, :]) ** 2).sum(-1))),
        "ks_values": [[None if np.isnan(v) else float(v) for v in row] for row in KS],
        "ks_smallest_3": np.argsort(KS, axis=1, kind="stable")[:, :3].tolist(),
        "ks_smallest_9": np.argsort(KS, axis=1, kind="stable").tolist(),
    },
}

out = sys.argv[1] if len(sys.argv) > 1 else "Tests/LearnCoreTests/Resources/core_reference.json"
with open(out, "w") as f:
    json.dump(ref, f, indent=1)
print("wrote", out)
