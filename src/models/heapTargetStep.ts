import type * as tfjs from '@tensorflow/tfjs-core';
import type { HeapAdam } from './heapAdam';
import type { SoftmaxLoss } from './mlp';
import type { SideBySideTrainer } from './mlpTrainer';
import type { RowSource } from './rowSource';
import type { WasmHeap } from './wasmHeap';

/**
 * trainOnTargets's step on tfjs-wasm as four kinds of work instead of ~35 ops: per input group the
 * first layer's two 2-D products stay in tfjs, where XNNPACK runs them; everything between them — ReLU,
 * the small second layer, softmax, the loss and its gradient, the second layer's gradient and the
 * backward ReLU mask — is one loop per network over the wasm heap; and Adam is one SIMD pass per variable
 * (heapAdam.ts). On the Hilbert rounds (784–64–10, B = 64) the ~30 ops between the products, at ~20–50 µs
 * each, cost twice the products.
 *
 * XNNPACK packs a product's right operand, ~125 µs for a [785, 64] one, whenever it is a new tensor.
 * Both big operands are new every step (the batch, the updated weights), so one packing per group is
 * unavoidable, but only one: the pre-activations W1ᵀ·Xᵀ pack Xᵀ, and the gradient is taken transposed,
 * Xᵀ·dZᵀ, whose right operand dZᵀ [n, R·hidden] is small (Adam reads the result transposed). Xᵀ is
 * then the only form of the batch the step needs.
 *
 * The math is SideBySideTrainer's forward/backward with softmaxLossWithGrad (mlp.ts), checked against
 * the batched reference in mlp.test.ts; the loss is the sum over networks of each one's batch mean.
 */
export function heapTargetStep(
  tf: typeof tfjs,
  heap: WasmHeap,
  trainer: SideBySideTrainer,
  opt: HeapAdam,
  x: RowSource,
  targets: RowSource,
  ix: Int32Array,
  it: Int32Array,
  loss: SoftmaxLoss,
): tfjs.Tensor1D {
  const { w1t, head, R, hidden: H, outputs: O } = trainer.parts;
  const G = trainer.groups;
  const S = trainer.seeds;
  const n = ix.length / G;
  const H1 = H + 1;
  if (targets.cols !== O)
    throw new Error(`heapTargetStep: targets have ${targets.cols} columns for ${O} outputs`);
  const gHead = trainer.hostBuffer('gHead', S * H1 * O).fill(0);
  const col = trainer.hostBuffer('col', H);
  const p = trainer.hostBuffer('p', O);
  const perNet = trainer.hostBuffer('perNet', S);
  const dzt = trainer.hostBuffer('dzt', n * R * H); // dZᵀ of one group, [n, R·H]
  const T = targets.rowsOnHost(it); // [S·n, O], network order
  const xt = x.transposedGroups(ix, G); // [I + 1, n] per group
  const zt = w1t.map((w, g) => tf.matMul(w, xt[g])); // [R·H, n] per group
  const gW1t: tfjs.Tensor2D[] = []; // [I + 1, R·H] per group
  const scale = 1 / n;
  for (let g = 0; g < G; g++) {
    // views after the last op that allocated (the heap may have grown)
    const hd = heap.typedArrayFromHeap(head); // [S, H + 1, O], group-major
    const z = heap.typedArrayFromHeap(zt[g]);
    for (let r = 0; r < R; r++) {
      const q = g * R + r; // group-major index (head, gHead)
      const s = r * G + g; // network (targets, the losses)
      const zo = r * H * n;
      const wo = q * H1 * O;
      let lsum = 0;
      for (let j = 0; j < n; j++) {
        // logits = [relu(z); 1]ᵀ · [W2; b2]
        for (let o = 0; o < O; o++) p[o] = hd[wo + H * O + o];
        for (let h = 0; h < H; h++) {
          const zv = z[zo + h * n + j];
          const a = zv > 0 ? zv : 0;
          col[h] = a;
          if (a !== 0) {
            const wr = wo + h * O;
            for (let o = 0; o < O; o++) p[o] += a * hd[wr + o];
          }
        }
        let mx = -Infinity;
        for (let o = 0; o < O; o++) if (p[o] > mx) mx = p[o];
        let den = 0;
        for (let o = 0; o < O; o++) den += Math.exp(p[o] - mx);
        const logDen = Math.log(den);
        const tr = (s * n + j) * O;
        // d = ∂loss/∂logits, into p
        if (loss === 'l2') {
          let pe = 0;
          let e2 = 0;
          for (let o = 0; o < O; o++) {
            const pr = Math.exp(p[o] - mx - logDen);
            const e = pr - T[tr + o];
            e2 += e * e;
            pe += pr * e;
            p[o] = pr;
          }
          lsum += e2;
          for (let o = 0; o < O; o++) {
            const pr = p[o];
            p[o] = 2 * scale * pr * (pr - T[tr + o] - pe);
          }
        } else {
          let st = 0;
          let tl = 0;
          for (let o = 0; o < O; o++) {
            const ls = p[o] - mx - logDen;
            st += T[tr + o];
            tl += T[tr + o] * ls;
            p[o] = ls;
          }
          lsum -= tl;
          for (let o = 0; o < O; o++) p[o] = scale * (Math.exp(p[o]) * st - T[tr + o]);
        }
        // the head's gradient [a; 1]·dᵀ, and dZ = (W2·d) ⊙ [z > 0], into dZᵀ
        const gb = wo + H * O;
        for (let o = 0; o < O; o++) gHead[gb + o] += p[o];
        for (let h = 0; h < H; h++) {
          const a = col[h];
          const wr = wo + h * O;
          let da = 0;
          for (let o = 0; o < O; o++) da += hd[wr + o] * p[o];
          if (a !== 0) for (let o = 0; o < O; o++) gHead[wr + o] += a * p[o];
          dzt[(j * R + r) * H + h] = a > 0 ? da : 0;
        }
      }
      perNet[s] = lsum * scale;
    }
    const dz = tf.tensor2d(dzt, [n, R * H]);
    gW1t.push(tf.matMul(xt[g], dz));
    dz.dispose();
  }
  opt.update([...w1t, head], [...gW1t.map((t) => ({ transposeOf: t })), gHead]);
  [...xt, ...zt, ...gW1t].forEach((t) => t.dispose());
  return tf.tensor1d(perNet);
}
