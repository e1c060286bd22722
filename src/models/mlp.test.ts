import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedMlpLogits, batchedTargetStep } from '../../tests/reference/batchedSteps';
import {
  disposeMlp,
  initMlp,
  mlpLogits,
  mlpVariables,
  softmaxLossPerSeed,
  softmaxLossWithGrad,
  type Mlp,
  type SoftmaxLoss,
} from './mlp';
import { BatchedTrainer, SideBySideTrainer, type MlpTrainer } from './mlpTrainer';
import { RowSource } from './rowSource';
import { adam, HeapAdam } from './heapAdam';
import { targetStep } from './trainOnTargets';

/**
 * The 2-D, hand-differentiated MLP (issue 19) against the batched autodiff formulation it replaced
 * (tests/reference/batchedSteps.ts): same seeds → same logits, gradients and training trajectories within
 * float32 tolerance, on tfjs-cpu and on tfjs-wasm (the backend the layout is for).
 */

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

const I = 12;
const H = 7;
const O = 4;

/** A network with every parameter non-zero, so biases and the ReLU mask count. */
function net(S: number, seed: number): Mlp {
  const m = initMlp(tf, { seeds: S, inputs: I, hidden: H, outputs: O }, seed);
  m.b1.assign(tf.randomNormal([S, 1, H], 0, 0.3, 'float32', seed + 2));
  m.b2.assign(tf.randomNormal([S, 1, O], 0, 0.3, 'float32', seed + 3));
  return m;
}

/** Largest |a − b| relative to the largest |b|. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  expect(a.length).toBe(b.length);
  return d / s;
}

const read = (t: tf.Tensor) => Array.from(t.dataSync());

// both layouts, on both CPU backends (mlpTrainer() picks SideBySideTrainer there, BatchedTrainer on GPUs)
const layouts: { name: string; new (t: typeof tf, net: Mlp, groups: number): MlpTrainer }[] = [
  SideBySideTrainer,
  BatchedTrainer,
];

for (const backend of ['cpu', 'wasm'])
  describe(`the seed-stacked MLP on tfjs-${backend}: 2-D layout against the batched formulation`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });

    for (const G of [1, 3])
      it(`mlpLogits, ${G === 1 ? 'shared inputs' : 'own inputs'}: logits and autodiff gradients`, () => {
        const S = 3;
        const model = net(S, 5);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const x = tf.randomNormal([G, 9, I], 0, 1, 'float32', 7) as tf.Tensor3D;
          const c = tf.randomNormal([S, 9, O], 0, 1, 'float32', 8);
          const loss = (f: (m: Mlp) => tf.Tensor) => () => tf.sum(tf.mul(f(model), c)) as tf.Scalar;
          expect(relErr(read(mlpLogits(tf, model, x)), read(batchedMlpLogits(tf, model, x)))).toBeLessThan(
            1e-5,
          );
          const got = tf.variableGrads(
            loss((m) => mlpLogits(tf, m, x)),
            mlpVariables(model),
          );
          const want = tf.variableGrads(
            loss((m) => batchedMlpLogits(tf, m, x)),
            mlpVariables(model),
          );
          for (const v of mlpVariables(model))
            expect(relErr(read(got.grads[v.name]), read(want.grads[v.name]))).toBeLessThan(1e-5);
        });
        expect(tf.memory().numTensors).toBe(before);
        disposeMlp(model);
      });

    // [networks S, input groups G]: own inputs, shared inputs, runs sharing a seed's inputs
    for (const Layout of layouts)
      for (const [S, G] of [
        [1, 1],
        [3, 3],
        [4, 1],
        [6, 2],
        [6, 3],
      ])
        it(`${Layout.name}, S = ${S}, G = ${G}: logits, every parameter's gradient, the weights back`, () => {
          const model = net(S, 5);
          const scratch = net(S, 6);
          const n = 9;
          const before = tf.memory().numTensors;
          const trainer = new Layout(tf, model, G);
          // the gradients, laid out like the trainer's variables, go back through a second trainer's writeBack
          const toNet = new Layout(tf, scratch, G);
          tf.tidy(() => {
            const x = tf.randomNormal([G * n, I], 0, 1, 'float32', 7) as tf.Tensor2D;
            // group g: rows g·n … g·n + n − 1
            const batch = trainer.batch(
              new RowSource(tf, x),
              Int32Array.from({ length: G * n }, (_, i) => i),
            );
            // the reference broadcasts only [1,n,I] or [S,n,I]: network s reads group s mod G
            const xs = tf.gather(
              tf.reshape(x, [G, n, I]),
              Int32Array.from({ length: S }, (_, s) => s % G),
            ) as tf.Tensor3D;
            const c = tf.randomNormal([S, n, O], 0, 1, 'float32', 8);
            const want0 = batchedMlpLogits(tf, model, xs);
            expect(relErr(read(trainer.logits(batch)), read(want0))).toBeLessThan(1e-5);
            const got = tf.variableGrads(
              () => tf.sum(tf.mul(trainer.logits(batch), c)) as tf.Scalar,
              trainer.variables,
            );
            const want = tf.variableGrads(
              () => tf.sum(tf.mul(batchedMlpLogits(tf, model, xs), c)) as tf.Scalar,
              mlpVariables(model),
            );
            // forward and backward called directly give the same
            const pass = trainer.forward(batch);
            trainer.backward(pass, c as tf.Tensor3D).forEach((g, i) => {
              expect(relErr(read(g), read(got.grads[trainer.variables[i].name]))).toBeLessThan(1e-6);
            });
            trainer.variables.forEach((v, i) => toNet.variables[i].assign(got.grads[v.name]));
            toNet.writeBack();
            mlpVariables(model).forEach((v, i) =>
              expect(relErr(read(mlpVariables(scratch)[i]), read(want.grads[v.name]))).toBeLessThan(1e-5),
            );
            // a trainer's layout round-trips the weights exactly
            const w = mlpVariables(model).map((v) => read(v));
            trainer.writeBack();
            mlpVariables(model).forEach((v, i) => expect(read(v)).toEqual(w[i]));
          });
          [trainer, toNet].forEach((t) => t.dispose());
          expect(tf.memory().numTensors).toBe(before);
          [model, scratch].forEach(disposeMlp);
        });

    for (const kind of ['l2', 'ce'] as SoftmaxLoss[])
      it(`softmaxLossWithGrad (${kind}): the loss, and autodiff's gradient of its sum over seeds`, () => {
        tf.tidy(() => {
          const z = tf.randomNormal([3, 5, O], 0, 2, 'float32', 12) as tf.Tensor3D;
          // soft targets whose rows do not quite sum to 1, so the cross-entropy's Σt term counts
          const t = tf.mul(tf.softmax(tf.randomNormal([3, 5, O], 0, 1, 'float32', 13)), 1.1) as tf.Tensor3D;
          const { loss, dLogits } = softmaxLossWithGrad(tf, kind, z, t);
          expect(relErr(read(loss), read(softmaxLossPerSeed(tf, kind, z, t)))).toBeLessThan(1e-6);
          const want = tf.grad((zz) => tf.sum(softmaxLossPerSeed(tf, kind, zz as tf.Tensor3D, t)))(z);
          expect(relErr(read(dLogits), read(want))).toBeLessThan(1e-5);
        });
      });

    const N = 40;
    const data = () => ({
      x: tf.randomUniform([N, I], 0, 1, 'float32', 21) as tf.Tensor2D,
      perm: (s: number) => Int32Array.from({ length: N }, (_, i) => (i * (2 * s + 3) + s) % N),
    });

    // on wasm the step's own Adam is the fused one (heapAdam.ts): its SIMD kernel, and its JavaScript loop
    const adams = backend === 'wasm' ? ['wasm SIMD', 'JS loop'] : ['tf.train.adam'];
    for (const Layout of layouts)
      for (const loss of ['l2', 'ce'] as SoftmaxLoss[])
        for (const kind of adams)
          it(`${Layout.name}, minibatch Adam (${kind}) on targets (${loss}): the same losses and weights after 6 steps`, () => {
            const S = 3;
            const B = 8;
            const { x, perm } = data();
            const targets = tf.tidy(() =>
              tf.softmax(tf.randomNormal([S * N, O], 0, 2, 'float32', 22)),
            ) as tf.Tensor2D;
            const [a, b] = [net(S, 31), net(S, 31)];
            const trainer = new Layout(tf, a, S);
            const optA =
              backend === 'wasm'
                ? HeapAdam.forBackend(tf, 0.01, { simd: kind === 'wasm SIMD' })
                : adam(tf, 0.01);
            const optB = tf.train.adam(0.01);
            if (!optA) throw new Error('no HeapAdam on wasm');
            expect(optA instanceof HeapAdam && optA.usesSimd).toBe(kind === 'wasm SIMD');
            const xRows = new RowSource(tf, x);
            const tRows = new RowSource(tf, targets);
            let before = 0;
            for (let step = 0; step < 6; step++) {
              // Adam makes its moment estimates at the first step, the trainer a row of 1s
              if (step === 1) before = tf.memory().numTensors;
              const ix = new Int32Array(S * B);
              const it = new Int32Array(S * B);
              for (let s = 0; s < S; s++)
                for (let r = 0; r < B; r++) {
                  ix[s * B + r] = perm(s)[(step * B + r) % N];
                  it[s * B + r] = s * N + ix[s * B + r];
                }
              const got = targetStep(tf, trainer, optA, xRows, tRows, ix, it, loss);
              const want = batchedTargetStep(tf, b, optB, x, targets, ix, it, S, loss);
              expect(relErr(read(got), read(want))).toBeLessThan(1e-5);
              [got, want].forEach((t) => t.dispose());
            }
            expect(tf.memory().numTensors).toBe(before);
            trainer.writeBack();
            trainer.dispose();
            mlpVariables(a).forEach((v, i) =>
              expect(relErr(read(v), read(mlpVariables(b)[i]))).toBeLessThan(1e-4),
            );
            [a, b].forEach(disposeMlp);
            [optA, optB, x, targets].forEach((t) => t.dispose());
          });
  });
