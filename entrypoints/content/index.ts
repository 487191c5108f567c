// Content script entry: wires the reading feature to the page's lifetime and to the background.
import { browser, defineContentScript } from '#imports';
import { backgroundCaller } from '../../lib/background/check-client';
import type { ContentEnvelope, Envelope } from '../../lib/protocol';
import { initReader } from './reader';
import { pageSettled } from './page-settled';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Not document_idle: Firefox holds that until the load event, which a hanging resource never fires
  // (page-settled.ts).
  runAt: 'document_end',
  // WXT's start signal to older copies of this script also goes out as a window.postMessage every
  // page script can read; the custom event alone does the job (README "Threat model").
  noScriptStartedPostMessage: true,
  async main(ctx) {
    await pageSettled(ctx.signal);
    if (ctx.signal.aborted) return;
    const call = backgroundCaller((m: Envelope) => browser.runtime.sendMessage(m));
    const reader = initReader(ctx.signal, call);
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const m = message as ContentEnvelope | undefined;
      if (m?.type === 'readingMarks') {
        sendResponse({ ok: true, value: { url: location.href, timeOrigin: performance.timeOrigin, marks: reader.marks() } });
        return undefined;
      }
      if (m?.type === 'focusBadge') {
        sendResponse({ ok: true, value: reader.focusBadge(m.payload?.dir === -1 ? -1 : 1) });
        return undefined;
      }
      if (m?.type !== 'checkNow') return undefined;
      reader.checkNow(m.payload?.force === true).then(
        () => sendResponse({ ok: true, value: null }),
        (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
      return true; // answer asynchronously
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
