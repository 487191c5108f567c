// Content feature: notices in-page navigation (history API, single-page sites) and an article body
// replaced in place, and asks for one new check once the page has settled. Never loops: our own
// nodes are ignored, checks are debounced, and the reader skips text it has already checked.

export type ChangeReason = 'navigation' | 'content';

export interface WatchOptions {
  /** Called once the page has settled after a change. */
  onChange(reason: ChangeReason): void;
  /** Nodes StoryTrace put in the page (badge hosts, highlight marks): their mutations are ours. */
  isOwn(node: Node): boolean;
  /** The live paragraphs of the last check: if one leaves the document, the article was replaced. */
  paragraphs(): Element[];
  /** Whether the last check found no article: then a large DOM growth may bring one. */
  waitingForArticle(): boolean;
  /** The page removed some of our nodes (a framework re-rendering a paragraph): put them back. */
  ownRemoved?(): void;
  /** Quiet time before a check, ms. */
  settleMs?: number;
  /** Checks allowed per URL after content changes (navigation resets it). */
  maxContentChecks?: number;
}

/** Characters of added text that make a page without an article worth another look. */
const GROWTH_CHARS = 600;

export function initNavigationWatcher(signal: AbortSignal, opts: WatchOptions): void {
  const win = window;
  const settleMs = opts.settleMs ?? 350;
  const maxContent = opts.maxContentChecks ?? 6;
  let url = stripHash(location.href);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: ChangeReason | null = null;
  let contentChecks = 0;
  let grown = 0;
  let firstAt = 0;

  const schedule = (reason: ChangeReason) => {
    // A navigation outranks a content change that is already waiting.
    if (pending === null) firstAt = performance.now();
    if (pending !== 'navigation') pending = reason;
    // Wait for quiet, but not forever on a page that never stops changing.
    const waited = performance.now() - firstAt;
    clearTimeout(timer);
    timer = setTimeout(fire, waited > 2000 ? 0 : settleMs);
  };
  const fire = () => {
    const reason = pending;
    pending = null;
    if (!reason || signal.aborted) return;
    if (reason === 'content') {
      if (contentChecks >= maxContent) return; // a page that keeps rewriting itself: stop following it
      contentChecks++;
    }
    grown = 0;
    opts.onChange(reason);
  };

  const urlChanged = () => {
    const now = stripHash(location.href);
    if (now === url) return;
    url = now;
    contentChecks = 0;
    schedule('navigation');
  };

  // The Navigation API sees pushState/replaceState from the page's world too; popstate and a slow
  // poll cover browsers without it (content scripts cannot hook the page's history methods).
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('currententrychange', urlChanged, { signal });
  win.addEventListener('popstate', urlChanged, { signal });
  const poll = setInterval(urlChanged, 1000);
  signal.addEventListener('abort', () => {
    clearInterval(poll);
    clearTimeout(timer);
  });

  const observer = new MutationObserver((records) => {
    let removedArticle = false;
    let removedOwn = false;
    for (const r of records) {
      for (const n of r.removedNodes) if (opts.isOwn(n)) removedOwn = true;
      if (isOwnRecord(r, opts.isOwn)) continue;
      if (r.removedNodes.length > 0) removedArticle = true;
      if (opts.waitingForArticle()) for (const n of r.addedNodes) grown += n.textContent?.length ?? 0;
    }
    if (removedOwn) opts.ownRemoved?.();
    if (removedArticle && opts.paragraphs().some((p) => !p.isConnected)) schedule('content');
    else if (grown >= GROWTH_CHARS && opts.waitingForArticle()) schedule('content');
    else if (pending) schedule(pending); // still changing: wait for it to settle
  });
  if (document.body) observer.observe(document.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect());
}

function isOwnRecord(r: MutationRecord, isOwn: (n: Node) => boolean): boolean {
  const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)];
  if (nodes.length === 0) return true;
  // Our highlight fallback splits text nodes: those records carry text nodes and our <mark>s.
  return nodes.every((n) => isOwn(n) || n.nodeType === 3 || (n as Element).hasAttribute?.('data-storytrace-mark'));
}

function stripHash(u: string): string {
  const i = u.indexOf('#');
  return i < 0 ? u : u.slice(0, i);
}
