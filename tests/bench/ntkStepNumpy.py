"""NumPy anchor for the NTK GD step of the bench (normal training and Algorithm 1 batched: two weight
sets side by side, n = 256, d = 32), float32, the same products as src/models/twoLayer.ts.
Prints one JSON object {width: ms per step}. Called by tests/bench/bench.mts when python3 has NumPy."""
import json
import sys
import time

import numpy as np

rng = np.random.default_rng(1)
n, d = 256, 32
X = (rng.standard_normal((n, d)) / np.sqrt(d)).astype(np.float32)
y = np.sign(rng.standard_normal((n, 1))).astype(np.float32)
out = {}
for k in [int(a) for a in sys.argv[1:]] or [1024, 4096]:
    W = rng.standard_normal((d, 2 * k)).astype(np.float32)
    V = np.concatenate([np.full(k // 2, 1.0), np.full(k // 2, -1.0)]).astype(np.float32).reshape(k, 1) / np.sqrt(k)
    Xt = np.ascontiguousarray(X.T)
    eta = np.float32(1e-3)

    def step(W):
        pre = X @ W  # [n, 2k]
        F = (np.maximum(pre, 0).reshape(n * 2, k) @ V).reshape(n, 2, 1).transpose(1, 0, 2)  # [2, n, 1]
        acc = np.mean(np.sign(F[1]) == y)
        alpha = np.clip(1 - max(0.0, (acc - 0.5) / 0.5), 0, 1)
        target = np.stack([y, alpha * y + (1 - alpha) * np.sign(F[1])])
        R = (F - target).transpose(1, 0, 2).reshape(n * 2, 1)
        g = (R @ V.T).reshape(n, 2 * k) * (pre > 0)
        return W - eta * (Xt @ g)

    for _ in range(5):
        W = step(W)
    reps = 50
    t0 = time.perf_counter()
    for _ in range(reps):
        W = step(W)
    out[k] = 1000 * (time.perf_counter() - t0) / reps
print(json.dumps(out))
