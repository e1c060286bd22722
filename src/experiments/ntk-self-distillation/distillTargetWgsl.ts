import type { TargetRule } from './distillTarget';

/**
 * Algorithm 1's residuals as the residual stage of the fused two-layer step (models/twoLayerWgsl.ts):
 * run 0 ("normal") R = f − y; run 1 ("selfDistill") R = f − (α_t y + (1 − α_t) h(f)), with h and the α
 * rule of distillTarget.ts written out in WGSL for one rule (the tfjs step evaluates the same rule with
 * tensor ops; distillTargetWgsl.gpu.test.ts checks that the two agree). Pass the effective h
 * (effectiveLabelFunction).
 */
export function residualShader(rule: TargetRule): string {
  const f32 = (v: number) => {
    const s = String(Math.fround(v));
    return /[.eE]/.test(s) ? s : `${s}.0`;
  };
  const binary = rule.outputs === 1;
  // Accuracy of run 1 on the noisy labels: sign(f) = y (sign(0) = 0 matches neither label), or the
  // first argmax equals the class.
  const correct = binary
    ? `select(0.0, 1.0, sign(F[o1 + i]) == Y[i])`
    : `select(0.0, 1.0, argmaxRow(o1 + i * C) == yClass[i])`;
  const chance = 1 / rule.classes;
  let alpha: string;
  if (rule.alphaRule === 'linear')
    alpha = `clamp(1.0 - f32(t) / ${f32(Math.max(1, rule.iterations / 2))}, 0.0, 1.0)`;
  else if (rule.alphaRule === 'paper') alpha = `clamp(1.0 - ${f32(rule.lambda)} * acc, 0.0, 1.0)`;
  else
    alpha = `clamp(1.0 - ${f32(rule.lambda)} * max(0.0, (acc - ${f32(chance)}) / ${f32(1 - chance)}), 0.0, 1.0)`;
  const needsAcc = rule.alphaRule !== 'linear';

  // h(f) for output c of point i of run 1 (rowBase = o1 + i * C).
  let hOf: string;
  if (binary) {
    if (rule.h === 'softmax') hOf = `tanh(F[rowBase] / ${f32(rule.tau)})`;
    else if (rule.h === 'piecewise') hOf = `clamp(F[rowBase] / ${f32((1 - 2 * rule.rho) / 4)}, -1.0, 1.0)`;
    else hOf = `sign(F[rowBase])`;
  } else if (rule.h === 'softmax') hOf = `softmaxAt(rowBase, c)`;
  else hOf = `select(0.0, 1.0, argmaxRow(rowBase) == c)`;

  return /* wgsl */ `
var<workgroup> red: array<f32, WG>;

fn argmaxRow(base: u32) -> u32 {
  var best = 0u;
  for (var c = 1u; c < C; c = c + 1u) { if (F[base + c] > F[base + best]) { best = c; } }
  return best;
}

fn softmaxAt(base: u32, c: u32) -> f32 {
  let tau = ${f32(rule.tau)};
  var mx = F[base];
  for (var j = 1u; j < C; j = j + 1u) { mx = max(mx, F[base + j]); }
  var s = 0.0;
  for (var j = 0u; j < C; j = j + 1u) { s = s + exp((F[base + j] - mx) / tau); }
  return exp((F[base + c] - mx) / tau) / s;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32) {
  let t = counter[0];
  let o1 = N * C; // run 1's offset
  var acc = 0.0;
  ${
    needsAcc
      ? `var part = 0.0;
  for (var i = lid; i < N; i = i + WG) { part = part + ${correct}; }
  red[lid] = part;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s / 2u) {
    if (lid < s) { red[lid] = red[lid] + red[lid + s]; }
    workgroupBarrier();
  }
  acc = red[0] / f32(N);`
      : ''
  }
  let alpha = ${alpha};
  for (var i = lid; i < N; i = i + WG) {
    let rowBase = o1 + i * C;
    for (var c = 0u; c < C; c = c + 1u) {
      let y = Y[i * C + c];
      R[i * C + c] = F[i * C + c] - y;
      let h = ${hOf};
      R[rowBase + c] = F[rowBase + c] - (alpha * y + (1.0 - alpha) * h);
    }
  }
  workgroupBarrier();
  if (lid == 0u) { counter[0] = t + 1u; }
}
`;
}
