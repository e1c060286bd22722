/**
 * Counts renders per component in the e2e/bench build (window.__labRenders), so a test can prove that a
 * frame re-renders only the figures it changes. A no-op in the shipped build (the branch is removed).
 */
export function countRender(name: string): void {
  if (import.meta.env.VITE_LAB_HOOKS !== '1') return;
  const w = window as unknown as { __labRenders?: Record<string, number> };
  const counts = (w.__labRenders ??= {});
  counts[name] = (counts[name] ?? 0) + 1;
}
