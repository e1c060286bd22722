import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Split } from '../data/fashionTensors';
import { disposeMlp, initMlp, mlpLogits } from './mlp';
import { evaluateMlp } from './mlpEvaluator';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const S = 3;
const n = 23;
const inputs = 5;
const outputs = 4;

function split(): Split {
  return tf.tidy(() => {
    const y = tf.tensor1d(
      Array.from({ length: n }, (_, i) => (i * 7) % outputs),
      'int32',
    );
    return {
      x: tf.randomNormal([n, inputs], 0, 1, 'float32', 5) as tf.Tensor2D,
      y,
      onehot: tf.cast(tf.oneHot(y, outputs), 'float32') as tf.Tensor2D,
      n,
    };
  });
}

describe('evaluateMlp', () => {
  it('matches one unchunked forward pass: accuracy, mean losses and outputs (seed-major), for any chunk', async () => {
    const net = initMlp(tf, { seeds: S, inputs, hidden: 8, outputs }, 11);
    const d = split();
    // The reference: all rows at once.
    const logits = tf.tidy(() => mlpLogits(tf, net, tf.expandDims(d.x, 0) as tf.Tensor3D));
    const z = (await logits.array()) as number[][][];
    const y = (await d.y.array()) as number[];
    const acc = z.map((rows) => rows.filter((r, i) => r.indexOf(Math.max(...r)) === y[i]).length / n);
    const sq = z.map((rows) => rows.reduce((s, r) => s + r.reduce((t, v) => t + v * v, 0), 0) / n);
    const before = tf.memory().numTensors;
    for (const chunk of [1, 5, 23, 1000]) {
      const into = new Float32Array(S * n * outputs);
      const e = await evaluateMlp(tf, net, d, {
        chunk,
        losses: {
          sq: (c) => tf.sum(tf.square(c.logits), [1, 2]) as tf.Tensor1D,
          rows: (c) => tf.fill([S], c.rows),
        },
        output: { of: (c) => c.logits, into },
      });
      expect(e.acc).toEqual(acc);
      e.loss.sq.forEach((v, s) => expect(v).toBeCloseTo(sq[s], 4));
      expect(e.loss.rows).toEqual([1, 1, 1]);
      Array.from(into).forEach((v, i) => expect(v).toBeCloseTo(z.flat(2)[i], 5));
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([logits, d.x, d.y, d.onehot]);
    disposeMlp(net);
  });

  it('stops between chunks once cancelled, leaving no tensors behind', async () => {
    const net = initMlp(tf, { seeds: S, inputs, hidden: 8, outputs }, 13);
    const d = split();
    const before = tf.memory().numTensors;
    let chunks = 0;
    const e = await evaluateMlp(tf, net, d, {
      chunk: 5,
      losses: { rows: (c) => (chunks++, tf.fill([S], c.rows)) },
      cancelled: () => chunks >= 2,
    });
    // 23 rows in chunks of 5 would be 5 chunks; it stopped after the second
    expect(chunks).toBe(2);
    expect(e.loss.rows[0]).toBeCloseTo(10 / n, 6);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([d.x, d.y, d.onehot]);
    disposeMlp(net);
  });

  it('disposes what it made when a loss throws', async () => {
    const net = initMlp(tf, { seeds: S, inputs, hidden: 8, outputs }, 12);
    const d = split();
    const before = tf.memory().numTensors;
    let calls = 0;
    await expect(
      evaluateMlp(tf, net, d, {
        chunk: 10,
        losses: {
          bad: (c) => {
            if (++calls === 2) throw new Error('boom');
            return tf.sum(c.logits, [1, 2]) as tf.Tensor1D;
          },
        },
        output: { of: (c) => c.logits, into: new Float32Array(S * n * outputs) },
      }),
    ).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([d.x, d.y, d.onehot]);
    disposeMlp(net);
  });
});
