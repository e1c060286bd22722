/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/react" />

interface ImportMetaEnv {
  /** '1' in the e2e/bench build (`vite build --mode e2e`): installs window.__labRunJob */
  readonly VITE_LAB_HOOKS?: string;
}
