import type { AngularTask } from './angularTasks';
import type { LinearParams } from '../params';

/** The synthetic task of the current controls (the margin control is in degrees). */
export function taskOf(p: Pick<LinearParams, 'task' | 'kappa' | 'margin'>): AngularTask {
  return p.task === 'margin'
    ? { kind: 'margin', kappa: p.kappa, margin: (p.margin * Math.PI) / 180 }
    : { kind: 'kappa', kappa: p.kappa };
}

/** A short name of the task for titles. */
export function taskName(p: Pick<LinearParams, 'task' | 'kappa' | 'margin'>): string {
  return p.task === 'margin' ? `margin ${p.margin}°, κ = ${p.kappa}` : `κ = ${p.kappa}`;
}
