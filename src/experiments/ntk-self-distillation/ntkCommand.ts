import { reluNtk, symmetricEigen, topKRatio } from '../../math/ntkRelu';
import type { NtkInput } from './ntkInput';

export function ntkCommand(v: NtkInput) {
  const { values, vectors } = symmetricEigen(reluNtk(v.X));
  return {
    eigenvalues: values,
    topKRatio: topKRatio(v.y, vectors, v.topK),
    ...(v.yClean ? { topKRatioClean: topKRatio(v.yClean, vectors, v.topK) } : {}),
  };
}
