// The content script's round: the policy request leaves first, the page is read locally while it
// travels, and nothing about the page goes to the background before the policy allows it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import type { PagePolicy } from '../../lib/background/check-policy';
import type { CallBackground } from '../../lib/background/check-client';
import type { PageAnswer } from '../../lib/protocol';
import { loadPage } from '../fixtures/pages/pages';

// The badge layer and navigation watcher need a real browser; their work is not under test here.
// What the reader asked of the badge layer, in order (the overlay's own work is tested in e2e).
const layer = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('../../entrypoints/content/badges', () => ({
  BadgeLayer: class {
    draw = () => (layer.calls.push('draw'), 1);
    clear() {}
    prepare() {
      layer.calls.push('prepare');
    }
    detach() {
      layer.calls.push('detach');
    }
    owns = () => false;
    repair() {}
  },
}));
const watcher = vi.hoisted(() => ({ onChange: (_reason: 'navigation' | 'content') => {} }));
vi.mock('../../entrypoints/content/navigation', () => ({
  initNavigationWatcher: (_signal: AbortSignal, hooks: typeof watcher) => void (watcher.onChange = hooks.onChange),
}));
const extracted = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../lib/page/extract', async (actual) => {
  const real = await actual<typeof import('../../lib/page/extract')>();
  return { ...real, extractArticle: (...a: Parameters<typeof real.extractArticle>) => (extracted.count++, real.extractArticle(...a)) };
});

const { initReader, DRAWN_MARK } = await import('../../entrypoints/content/reader');

const URL_ = 'https://news.example.org/2024/lavrov';
const ANSWER: PageAnswer = { duplicates: [], partial: [], related: [], pageWords: 100 };

interface Sent {
  type: string;
  payload: unknown;
}

/** A background whose policy answers wait for `answer`; everything sent is recorded. */
function fakeBackground() {
  const sent: Sent[] = [];
  const policies: ((p: PagePolicy) => void)[] = [];
  const call = (async (type: string, payload: unknown) => {
    sent.push({ type, payload });
    if (type === 'pagePolicy') return new Promise<PagePolicy>((ok) => policies.push(ok));
    if (type === 'checkPage') return ANSWER;
    return null;
  }) as CallBackground;
  return { call, sent, policies, types: () => sent.map((m) => m.type) };
}

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((ok) => setTimeout(ok, 5));
  expect(ready()).toBe(true);
}

let abort: AbortController;

beforeEach(() => {
  const { document } = parseHTML(loadPage('reprint-lavrov').html);
  vi.stubGlobal('document', document);
  vi.stubGlobal('location', { href: URL_ });
  extracted.count = 0;
  layer.calls.length = 0;
  abort = new AbortController();
});

afterEach(() => {
  abort.abort();
  vi.unstubAllGlobals();
});

describe('the reading round and the page policy', () => {
  it('reads the page while the policy is asked for, and sends it only once allowed', async () => {
    const bg = fakeBackground();
    const reader = initReader(abort.signal, bg.call);
    const drawn = () => reader.marks().filter((m) => m.name === DRAWN_MARK);
    await until(() => bg.policies.length === 1);
    expect(extracted.count).toBe(1); // extracted meanwhile
    expect(bg.types()).toEqual(['pagePolicy']);
    bg.policies[0]({ check: 'auto', showBadges: true });
    await until(() => drawn().length === 1);
    // Kept in the content script, never on the page's performance timeline (the page reads that).
    expect(performance.getEntriesByName(DRAWN_MARK)).toEqual([]);
    expect(bg.types()).toEqual(['pagePolicy', 'checkPage']);
    expect((bg.sent[1].payload as { text: string }).text).toContain('Lavrov');
    const detail = drawn()[0].detail as Record<string, number>;
    for (const k of ['policyMs', 'extractMs', 'queryMs', 'drawMs', 'totalMs']) expect(detail[k]).toBeGreaterThanOrEqual(0);
    expect(detail.totalMs).toBeGreaterThanOrEqual(detail.policyMs + detail.extractMs);
  });

  it('sends nothing about a page on a "never" site, even when asked to check it', async () => {
    const bg = fakeBackground();
    const reader = initReader(abort.signal, bg.call);
    await until(() => bg.policies.length === 1);
    bg.policies[0]({ check: 'never', showBadges: false });
    await until(() => bg.sent.length === 2);
    expect(bg.sent[1]).toEqual({ type: 'reportPageStatus', payload: { status: 'site-disabled', url: URL_, title: expect.any(String) } });

    // The site was found off: a round of its own (the page changed) waits for the policy before
    // reading the page; an explicit one still reads ahead, and still sends nothing.
    watcher.onChange('content');
    await until(() => bg.policies.length === 2);
    expect(extracted.count).toBe(1);
    bg.policies[1]({ check: 'never', showBadges: false });
    await until(() => bg.sent.length === 4);
    const click = reader.checkNow(true);
    await until(() => bg.policies.length === 3);
    expect(extracted.count).toBe(2);
    bg.policies[2]({ check: 'never', showBadges: false });
    await click;
    expect(bg.types()).toEqual(['pagePolicy', 'reportPageStatus', 'pagePolicy', 'reportPageStatus', 'pagePolicy', 'reportPageStatus']);
  });

  it('puts the overlay in before the answer, and in private reading never at all', async () => {
    const bg = fakeBackground();
    const reader = initReader(abort.signal, bg.call);
    const drawn = () => reader.marks().filter((m) => m.name === DRAWN_MARK).length;
    await until(() => bg.policies.length === 1);
    bg.policies[0]({ check: 'auto', showBadges: true });
    await until(() => drawn() === 1);
    // prepare() came before checkPage left: the host's arrival does not depend on the answer.
    expect(layer.calls).toEqual(['prepare', 'draw']);

    layer.calls.length = 0;
    const again = reader.checkNow(false);
    await until(() => bg.policies.length === 2);
    bg.policies[1]({ check: 'auto', showBadges: false, private: true });
    await again;
    expect(layer.calls).toEqual(['detach']);
    // The page is still checked: the toolbar, popup and side panel show the result.
    expect(bg.types().filter((t) => t === 'checkPage')).toHaveLength(2);
  });

  it('in click mode waits for the click, then checks', async () => {
    const bg = fakeBackground();
    const reader = initReader(abort.signal, bg.call);
    await until(() => bg.policies.length === 1);
    bg.policies[0]({ check: 'click', showBadges: true });
    await until(() => bg.sent.length === 2);
    expect((bg.sent[1].payload as { status: string }).status).toBe('waiting-click');

    const click = reader.checkNow(false);
    await until(() => bg.policies.length === 2);
    expect(extracted.count).toBe(2); // an explicit request reads ahead again
    bg.policies[1]({ check: 'click', showBadges: true });
    await click;
    expect(bg.types()).toEqual(['pagePolicy', 'reportPageStatus', 'pagePolicy', 'checkPage']);
  });

  it('reports a page that is not an article only after the policy, without sending it', async () => {
    vi.stubGlobal('document', parseHTML(loadPage('not-article').html).document);
    const bg = fakeBackground();
    initReader(abort.signal, bg.call);
    await until(() => bg.policies.length === 1);
    bg.policies[0]({ check: 'auto', showBadges: true });
    await until(() => bg.sent.length === 2);
    expect(bg.sent[1]).toMatchObject({ type: 'reportPageStatus', payload: { status: 'not-article' } });
    await new Promise((ok) => setTimeout(ok, 10));
    expect(bg.types()).toEqual(['pagePolicy', 'reportPageStatus']);
  });
});
