import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { KdParams } from './params';
import type { KdResults } from './results';

export const claim: ClaimDef<KdParams, KdResults> = {
  figure: 'fig1-test-loss',
  tex: String.raw`\htmlData{term=student}{f_\infty}=\big(\htmlData{term=labels}{a\,y}+\htmlData{term=teacher}{\lambda\textstyle\sum_k a_k\phi_k/\sqrt m}\big)/(a+\lambda)`,
  text: 'the teacher’s features pull the student to a better limit: it beats the student without a teacher',
  source: 'Theorem 1, Fig. 1',
  terms: {
    student: { color: colors.student, label: 'f∞, the student’s limit (λ = 0.01)' },
    labels: { color: colors.reference, label: 'a·y, the labels: all a student without a teacher has' },
    teacher: { color: colors.teacher, label: 'the teacher’s features, weighted by λ' },
  },
  // loaded with its first use, not in the page's first load
  verdict: async (r, p) => (await import('./verdict')).teacherVerdict(r, p),
  presetHint: {
    preset: 'noisy',
    text: 'on clean labels a teacher does not help at this scale; with 20 % of the labels flipped it does',
  },
};
