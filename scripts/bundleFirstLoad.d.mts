export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;
export const MAIN_BUDGET_KB: number;
export function readManifest(dist: string): Manifest;
export function staticClosure(manifest: Manifest, keys: string[]): Set<string>;
export function firstLoad(dist: string): { keys: Set<string>; files: string[]; kb: number };
