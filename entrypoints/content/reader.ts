// Content feature: the reading loop. Decides whether to check the page (settings, article test),
// extracts the article, asks the background, and has the badges drawn; re-runs on navigation.
import type { CallBackground } from '../../lib/background/check-client';
import type { PagePolicy } from '../../lib/background/check-policy';
import type { ReportedStatus } from '../../lib/background/check-state';
import { extractArticle, type ExtractedPage } from '../../lib/page/extract';
import { isArticlePage } from '../../lib/page/readerable';
import { hashHex64 } from '../../lib/text/hash';
import { BadgeLayer } from './badges';
import { initNavigationWatcher, type ChangeReason } from './navigation';

/** Mark kept when badges are drawn (its detail holds the timings), for measurements. */
export const DRAWN_MARK = 'storytrace:badges-drawn';
/** Mark kept when the page was found not to be an article. */
export const SKIPPED_MARK = 'storytrace:not-article';
/** Mark kept when the content script starts. */
export const START_MARK = 'storytrace:start';

/**
 * One moment of the reading round, for tests and benchmarks. Kept in the content script's own
 * memory, never with performance.mark(): the page shares the document's performance timeline and
 * would read the badge count in it (README "Threat model").
 */
export interface ReadingMark {
  name: string;
  /** performance.now() when it happened (the page's time origin). */
  at: number;
  detail?: Record<string, unknown>;
}

type Reason = 'load' | ChangeReason | 'click' | 'force';

interface LocalRead {
  /** The article, or null when the page is not one. */
  extracted: ExtractedPage | null;
  /** Time spent reading. */
  ms: number;
  /** The quick article test turned the page down (SKIPPED_MARK is put, with `ms`). */
  skipped?: boolean;
}

export interface Reader {
  /** Check now (toolbar click in click mode, popup "Check again"); `force` also reads non-articles. */
  checkNow(force: boolean): Promise<void>;
  /** The marks of this page so far, oldest first (a copy). */
  marks(): ReadingMark[];
  /** Focus the next (1) or previous (-1) badge; false when there is none. */
  focusBadge(dir: 1 | -1): boolean;
}

export function initReader(signal: AbortSignal, call: CallBackground): Reader {
  const log: ReadingMark[] = [];
  const mark = (name: string, detail?: Record<string, unknown>) => void log.push({ name, at: performance.now(), detail });
  mark(START_MARK);
  const doc = document;
  let page: ExtractedPage | null = null;
  let checkedKey = '';
  let lastStatus: ReportedStatus | 'checked' | null = null;
  let dismissedUrl = '';
  let running: Promise<void> | null = null;
  let again: Reason | null = null;
  let generation = 0;
  let lastPolicy: PagePolicy | null = null;

  const badges = new BadgeLayer(
    doc,
    {
      openViewer: (storyId) => void call('openViewer', { storyId }).catch(report),
      dismissPage: () => (dismissedUrl = location.href),
      hideOnSite: () => void call('setSiteRule', { site: location.href, rule: 'hide-badges' }).catch(report),
    },
    signal,
  );

  const status = async (s: ReportedStatus) => {
    badges.clear();
    page = null;
    checkedKey = '';
    lastStatus = s;
    await call('reportPageStatus', { status: s, url: location.href, title: doc.title });
  };

  /**
   * One round. The policy request leaves first and the page is read locally (article test,
   * extraction) while it travels; nothing about the page goes to the background until the policy
   * has allowed it. Timings in the drawn mark, ms: extractMs, the article test and extraction;
   * policyMs, the wait for the policy left after them (its whole round trip when not overlapped);
   * queryMs, the checkPage round trip; drawMs, drawing; totalMs, from the start of the round.
   */
  async function check(reason: Reason): Promise<void> {
    const gen = ++generation;
    const t0 = performance.now();
    const url = location.href;
    const explicit = reason === 'click' || reason === 'force';
    const policyP: Promise<PagePolicy> = call('pagePolicy', { url });
    // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
    void policyP.catch(() => {});
    // On a site last found off or in click mode, reading ahead would be wasted on every load and
    // DOM change: wait for the policy first there.
    const ahead = explicit || lastPolicy === null || lastPolicy.check === 'auto';
    let read = ahead ? readPage(reason) : null;
    const tWait = performance.now();
    const policy = await policyP;
    const policyMs = performance.now() - tWait;
    lastPolicy = policy;
    if (signal.aborted || gen !== generation) return;
    // "Never check" holds even for an explicit request: the popup offers to allow the site again.
    if (policy.check === 'never') return status('site-disabled');
    if (policy.check === 'click' && !explicit) return status('waiting-click');
    // Private reading: not one node, style or layout change; results go to the toolbar, the popup
    // and the side panel only.
    const inline = policy.showBadges && policy.private !== true;
    if (!inline) badges.detach();

    read ??= readPage(reason);
    if (!read.extracted) {
      if (read.skipped) mark(SKIPPED_MARK, { ms: read.ms });
      return status('not-article');
    }
    const extracted = read.extracted;
    const key = hashHex64(url + '\u0000' + extracted.text);
    // The same text at the same URL, still in the same nodes, was checked already: a DOM change
    // that left the article alone must not start another round. (Same text in new nodes is
    // re-drawn; the background answers it from its cache.)
    if (key === checkedKey && !explicit && page?.paragraphs.every((p) => p.element.isConnected)) return;

    // The overlay host goes in before the answer is known, so its arrival does not tell the result.
    if (inline && dismissedUrl !== url) badges.prepare();
    const tQuery = performance.now();
    const result = await call('checkPage', { text: extracted.text, title: extracted.title, url });
    const queryMs = performance.now() - tQuery;
    if (signal.aborted || gen !== generation || location.href !== url) return;
    page = extracted;
    checkedKey = key;
    lastStatus = 'checked';
    const tDraw = performance.now();
    const drawn = inline && dismissedUrl !== url ? badges.draw(extracted, result) : (badges.clear(), 0);
    const drawMs = performance.now() - tDraw;
    // `badges`: marks drawn (a run of paragraphs is one); `paragraphs`: the paragraphs they stand for.
    mark(DRAWN_MARK, { reason, badges: drawn, paragraphs: drawn ? badges.paragraphCount : 0, words: result.pageWords, policyMs, extractMs: read.ms, queryMs, drawMs, totalMs: performance.now() - t0 });
  }

  /** The local part of a round: the article test, then extraction. Reads the page, sends nothing. */
  function readPage(reason: Reason): LocalRead {
    const t = performance.now();
    if (reason !== 'force' && !isArticlePage(doc)) return { extracted: null, ms: performance.now() - t, skipped: true };
    const extracted = extractArticle(doc, { isVisible: visible, charThreshold: reason === 'force' ? 100 : undefined });
    return { extracted, ms: performance.now() - t };
  }

  /** Runs checks one at a time; a request arriving during a check runs once after it. */
  function run(reason: Reason): Promise<void> {
    if (running) {
      if (again !== 'force' && again !== 'click') again = reason;
      return running;
    }
    running = check(reason)
      .catch(report)
      .finally(() => {
        running = null;
        const next = again;
        again = null;
        if (next && !signal.aborted) void run(next);
      });
    return running;
  }

  initNavigationWatcher(signal, {
    onChange: (reason) => {
      if (reason === 'navigation') {
        badges.clear();
        checkedKey = '';
      }
      void run(reason);
    },
    isOwn: (n) => badges.owns(n),
    ownRemoved: () => badges.repair(),
    paragraphs: () => page?.paragraphs.map((p) => p.element) ?? [],
    waitingForArticle: () => lastStatus === 'not-article',
  });

  void run('load');
  return {
    checkNow: (force) => run(force ? 'force' : 'click'),
    marks: () => log.map((m) => ({ ...m })),
    focusBadge: (dir) => badges.focusBadge(dir),
  };
}

function visible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el) : true;
}

function report(e: unknown): void {
  // "Extension context invalidated" after an update is expected: the old script is torn down.
  const msg = e instanceof Error ? e.message : String(e);
  if (!/context invalidated/i.test(msg)) console.warn('[StoryTrace]', msg);
}
