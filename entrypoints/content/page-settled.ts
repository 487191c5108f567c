// When the content script starts reading. Firefox runs a `document_idle` script only once the page's
// load event has fired, and a page with one third-party resource that never answers (a blackholed
// ad or analytics host) never fires it: no badges at all. Chromium runs it shortly after the DOM is
// parsed whatever the resources do. So the script is declared `document_end` (the DOM is parsed) in
// both browsers and waits here for the load event, or for the page's stylesheets and a moment of
// idle time, whichever comes first. The stylesheets matter: until they arrive Firefox lays nothing
// out (every paragraph reads as invisible, so the page is "not an article"), and badges placed
// before them sit where the paragraphs no longer are.
const IDLE_WAIT_MS = 200;
/** A stylesheet that never arrives holds the page's own rendering back; we stop waiting here. */
const STYLESHEET_WAIT_MS = 4000;
const POLL_MS = 50;

export function pageSettled(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (document.readyState === 'complete' || signal.aborted) return resolve();
    const started = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      window.removeEventListener('load', finish);
      clearInterval(timer);
      resolve();
    };
    window.addEventListener('load', finish, { once: true });
    signal.addEventListener('abort', finish, { once: true });
    const timer = setInterval(() => {
      const waited = performance.now() - started;
      if (waited >= STYLESHEET_WAIT_MS || (waited >= IDLE_WAIT_MS && !stylesheetPending())) finish();
    }, POLL_MS);
  });
}

/** True while a stylesheet the page links has not finished loading (it has no resource-timing
 *  entry until it has, whether it loaded or failed, same-origin or not). */
function stylesheetPending(): boolean {
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i][href]')) {
    if (link.disabled) continue;
    if (performance.getEntriesByName(link.href, 'resource').length === 0) return true;
  }
  return false;
}
