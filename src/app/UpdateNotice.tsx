import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker (production builds; the dev server has none) and says when a new
 * version has been deployed, with a reload that switches to it. Until then the page keeps running the
 * version it loaded, so a lecture is never interrupted by a deploy.
 */
export function UpdateNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  if (!needRefresh && !offlineReady) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-notice">
      {needRefresh ? (
        <>
          <span>A new version of the lab is available.</span>
          <button type="button" onClick={() => void updateServiceWorker(true)}>
            Reload
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </>
      ) : (
        <>
          <span>Ready to work offline: every experiment now opens without a network.</span>
          <button type="button" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </>
      )}
    </div>
  );
}
