import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeMlp, initMlp, mlpLogits, mlpVariables } from '../../models/mlp';
import { gradNormSqPerExample } from './gradNorm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('closed-form ‖∇_θ f(x, θ)‖² of the batched MLP', () => {
  it('equals the squared Frobenius norm of the autodiff Jacobian (every logit, every parameter)', async () => {
    const shape = { seeds: 2, inputs: 5, hidden: 7, outputs: 3 };
    const net = initMlp(tf, shape, 11);
    // non-zero biases so the b1/b2 terms and the ReLU mask are exercised
    net.b1.assign(tf.randomNormal([2, 1, 7], 0, 0.5, 'float32', 3));
    net.b2.assign(tf.randomNormal([2, 1, 3], 0, 0.5, 'float32', 4));
    const n = 4;
    const x = tf.randomNormal([1, n, 5], 0, 1, 'float32', 5) as tf.Tensor3D;
    const closed = gradNormSqPerExample(tf, net, x);
    const got = (await closed.array()) as number[][];
    const vars = mlpVariables(net);
    for (let s = 0; s < 2; s++)
      for (let i = 0; i < n; i++) {
        let want = 0;
        for (let k = 0; k < 3; k++) {
          const { grads } = tf.variableGrads(
            () => tf.squeeze(tf.slice(mlpLogits(tf, net, x), [s, i, k], [1, 1, 1])) as tf.Scalar,
            vars,
          );
          for (const g of Object.values(grads)) {
            want += (await tf.sum(tf.square(g)).data())[0];
            g.dispose();
          }
        }
        expect(got[s][i]).toBeCloseTo(want, 3);
        expect(want).toBeGreaterThan(0);
      }
    closed.dispose();
    x.dispose();
    disposeMlp(net);
  });
});
