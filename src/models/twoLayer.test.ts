import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededNormal } from '../math/rng';
import { TwoLayerNet, type Activation } from './twoLayer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const n = 6;
const d = 4;
const m = 8;

function net(activation: Activation, C: number, runs = 1) {
  const normal = seededNormal(11);
  const X = Float32Array.from({ length: n * d }, () => normal());
  return new TwoLayerNet(tf, { X, n, d, width: m, outputs: C, runs, activation, seed: 2 });
}

describe('the two-layer network with a fixed ±1/√m output layer', () => {
  for (const activation of ['relu', 'tanh'] as Activation[])
    for (const [C, runs] of [
      [1, 1],
      [3, 1],
      [1, 2],
      [3, 2],
    ])
      it(`${activation}, C = ${C}, ${runs} run(s): the hand-written gradient and NTK match autodiff`, async () => {
        const model = net(activation, C, runs);
        const before = tf.memory().numTensors;
        // runs apart, so a mix-up of the side-by-side blocks would show
        const W = tf.tidy(
          () =>
            tf.add(
              model.initialWeights(5),
              tf.randomNormal([d, runs * m], 0, 0.5, 'float32', 3),
            ) as tf.Tensor2D,
        );
        const r = runs - 1;
        const Yhat = tf.tidy(() => tf.randomNormal([runs, n, C], 0, 1, 'float32', 9));
        const [mine, auto] = tf.tidy(() => {
          const { pre, F } = model.forward(W);
          const loss = (w: tf.Tensor) =>
            tf.mul(0.5, tf.sum(tf.square(tf.sub(model.forward(w as tf.Tensor2D).F, Yhat))));
          return [model.gradient(pre, tf.sub(F, Yhat) as tf.Tensor3D), tf.grad(loss)(W)];
        });
        const g = await auto.data();
        (await mine.data()).forEach((v, i) => expect(v).toBeCloseTo(g[i], 4));

        // NTK of run r's output 0: H_ij = ∂f(x_i)/∂W · ∂f(x_j)/∂W, the Jacobian's Gram matrix.
        const grads = Array.from({ length: n }, (_, i) =>
          tf.tidy(() =>
            tf.grad((w: tf.Tensor) =>
              tf.sum(tf.slice(model.forward(w as tf.Tensor2D).F, [r, i, 0], [1, 1, 1])),
            )(W),
          ),
        );
        const J = await Promise.all(grads.map(async (t) => Array.from(await t.data())));
        tf.dispose(grads);
        const H = model.ntk(W, r);
        const h = await H.data();
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const dot = J[i].reduce((s, v, k) => s + v * J[j][k], 0);
            expect(h[i * n + j]).toBeCloseTo(dot, 4);
          }
        tf.dispose([W, Yhat, mine, auto, H]);
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
      });

  it('stacks runs that start from the same weights, and frees what it owns', () => {
    const before = tf.memory().numTensors;
    const model = net('relu', 1, 3);
    const W = model.initialWeights(0);
    expect(W.shape).toEqual([d, 3 * m]);
    // run r is columns r·m … r·m + m − 1
    for (const row of W.arraySync()) {
      expect(row.slice(m, 2 * m)).toEqual(row.slice(0, m));
      expect(row.slice(2 * m)).toEqual(row.slice(0, m));
    }
    const test = model.inputs(
      Float32Array.from({ length: 2 * d }, (_, i) => i),
      2,
    );
    expect(tf.tidy(() => model.forward(W, test).F.shape)).toEqual([3, 2, 1]);
    W.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
