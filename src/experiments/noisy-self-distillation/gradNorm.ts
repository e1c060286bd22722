import type * as tfjs from '@tensorflow/tfjs-core';
import type { Mlp } from '../../models/mlp';

/**
 * The per-example gradient norm of Xiong et al. eq. (16), ‖∇_θ f(x, θ)‖², for the seed-batched MLP.
 *
 * f is the logit vector (L outputs), so ‖∇_θ f‖² is the squared Frobenius norm of the Jacobian
 * ∂f/∂θ, i.e. Σ_k ‖∇_θ f_k(x, θ)‖² over the L logits and over all parameters θ = (W1, b1, W2, b2).
 * For one hidden ReLU layer, a = W1ᵀx + b1, h = relu(a), m = 1[a > 0], f = W2ᵀh + b2, it is exact in
 * closed form (no per-example backward passes, one forward pass):
 *   W2, b2:  Σ_k ‖∂f_k/∂W2‖² = L·‖h‖²,  Σ_k ‖∂f_k/∂b2‖² = L
 *   W1, b1:  ∂f_k/∂W1[i,j] = x_i·m_j·W2[j,k]  ⇒  (‖x‖² + 1)·Σ_j m_j·‖W2[j,:]‖²
 * so ‖∇_θ f‖² = L·(‖h‖² + 1) + (‖x‖² + 1)·Σ_j m_j‖W2[j,:]‖² — the masked row norms are one batched
 * matMul [S,n,H]×[S,H,1]. (gradNorm.test.ts checks it against tfjs autodiff.)
 */
export function gradNormSqPerExample(tf: typeof tfjs, net: Mlp, x: tfjs.Tensor3D): tfjs.Tensor2D {
  return tf.tidy(() => {
    const L = net.w2.shape[2];
    const a = tf.add(tf.matMul(x, net.w1), net.b1);
    const h = tf.relu(a);
    const mask = tf.cast(tf.greater(a, 0), 'float32');
    const rowNorms = tf.expandDims(tf.sum(tf.square(net.w2), -1), -1) as tfjs.Tensor3D; // [S,H,1]
    const masked = tf.squeeze(tf.matMul(mask as tfjs.Tensor3D, rowNorms), [2]); // [S,n]
    const xSq = tf.sum(tf.square(x), -1); // [S or 1, n]
    const outer = tf.mul(L, tf.add(tf.sum(tf.square(h), -1), 1));
    return tf.add(outer, tf.mul(tf.add(xSq, 1), masked)) as tfjs.Tensor2D;
  });
}
