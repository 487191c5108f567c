// The benchmark corpus generator: seeded and reproducible, streaming, and its labels true to the text
// (copies really copy, partial reuses really quote, unrelated stories share no passage).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../../lib/text/normalize';
import { americanSpelling } from '../../bench/brown-sentences';
import { CorpusGenerator, DEFAULT_SHARES, generateCorpus, main, type GeneratedStory } from '../../bench/generate-corpus';
import { mulberry32, rngFor } from '../../bench/prng';

const N = 1000;
const gen = new CorpusGenerator({ seed: 11 });
const corpus: GeneratedStory[] = [...gen.stories(N)];
const FIRST_PUBLISHED = /^This story was first published by /u;

/** Normalized words of a story's body: chrome lines and the syndication credit left out, spelling
 *  folded to American so that a copy on a British-style site compares word for word. */
function bodyWords(g: GeneratedStory): string[] {
  const paras = g.story.text.split('\n\n').filter((p) => !g.label.chrome.includes(p) && !FIRST_PUBLISHED.test(p));
  return tokenize(paras.join('\n\n')).words.map(americanSpelling);
}

function paragraphsOf(g: GeneratedStory): string[] {
  return g.story.text
    .split('\n\n')
    .filter((p) => !g.label.chrome.includes(p) && !FIRST_PUBLISHED.test(p))
    .map((p) => tokenize(p).words.map(americanSpelling).join(' '));
}

/** Longest run of consecutive words common to both sequences (dynamic programming, O(n·m)). */
function longestCommonRun(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best) best = cur[j];
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** Longest common subsequence length: words kept in order by an edit. */
function lcs(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

function ofKind(kind: string): GeneratedStory[] {
  return corpus.filter((g) => g.label.kind === kind);
}

describe('seeded PRNG', () => {
  it('repeats a stream for the same key and differs across keys', () => {
    const a = rngFor(1, 2, 3);
    const b = rngFor(1, 2, 3);
    const c = rngFor(1, 2, 4);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const m = mulberry32(7);
    expect(m()).toBe(mulberry32(7)());
  });
});

describe('generateCorpus', () => {
  it('is reproducible: same seed, same stories and labels; another seed, other stories', () => {
    const again = [...generateCorpus(40, { seed: 11 })];
    expect(again).toEqual(corpus.slice(0, 40));
    const other = [...generateCorpus(40, { seed: 12 })];
    expect(other.map((g) => g.story.text)).not.toEqual(again.map((g) => g.story.text));
  });

  it('gives any story on its own, out of order, exactly as the stream does', () => {
    const fresh = new CorpusGenerator({ seed: 11 });
    for (const i of [N - 1, 977, 3, 0, 512]) expect(fresh.story(i)).toEqual(corpus[i]);
    expect([...fresh.stories(5, 700)]).toEqual(corpus.slice(700, 705));
  });

  it('makes complete news records with unique ids and plausible metadata', () => {
    expect(new Set(corpus.map((g) => g.story.id)).size).toBe(N);
    for (const { story, label } of corpus) {
      expect(story.title.length).toBeGreaterThan(10);
      expect(story.title).not.toMatch(/\s\s|^\s|\s$/u);
      expect(new URL(story.url!).protocol).toBe('https:');
      expect(Number.isNaN(Date.parse(story.date!))).toBe(false);
      expect(story.source).toBe(gen.sites[label.site].name);
      expect(story.text).not.toMatch(/``|''|\/(nn|np|vb|at|in)\b/u); // Brown tags and quote marks are gone
      expect(label.id).toBe(story.id);
    }
  });

  it('writes stories of news length, 400–700 words for originals', () => {
    const words = ofKind('original').map((g) => g.label.words);
    words.sort((a, b) => a - b);
    expect(words[0]).toBeGreaterThanOrEqual(400);
    expect(words[words.length - 1]).toBeLessThan(800);
    const mid = words[words.length >> 1];
    expect(mid).toBeGreaterThan(500);
    expect(mid).toBeLessThan(650);
    for (const g of ofKind('original').slice(0, 50))
      expect(Math.abs(bodyWords(g).length - g.label.words)).toBeLessThan(g.label.words * 0.05);
  });

  it('holds each kind of story in about its configured share', () => {
    for (const [kind, share] of Object.entries(DEFAULT_SHARES)) {
      const seen = ofKind(kind).length / N;
      expect(Math.abs(seen - share), kind).toBeLessThan(0.02);
      expect(seen, kind).toBeGreaterThan(0);
    }
    const none = [...generateCorpus(300, { seed: 3, shares: { reprint: 0, rewrite: 0, trimmed: 0, reordered: 0, partial: 0 } })];
    expect(none.every((g) => g.label.kind === 'original')).toBe(true);
    expect(() => new CorpusGenerator({ shares: { reprint: 0.5, rewrite: 0.5 } })).toThrow(/originals/u);
  });

  it('labels copies with an earlier original on another site', () => {
    for (const g of corpus.filter((c) => c.label.of)) {
      const src = corpus[g.label.ofIndex!];
      expect(src.label.id).toBe(g.label.of);
      expect(src.label.kind).toBe('original');
      expect(g.label.ofIndex!).toBeLessThan(g.label.index);
      if (g.label.kind !== 'partial') {
        expect(g.label.site).not.toBe(src.label.site);
        expect(g.label.event).toBe(src.label.event);
        expect(Date.parse(g.story.date!)).toBeGreaterThanOrEqual(Date.parse(src.story.date!) - 86_400_000);
      }
    }
  });

  it('reprints: the same words in other typography', () => {
    const reprints = ofKind('reprint');
    expect(reprints.length).toBeGreaterThan(20);
    let typographyChanged = 0;
    for (const g of reprints) {
      const src = corpus[g.label.ofIndex!];
      expect(bodyWords(g)).toEqual(bodyWords(src));
      const raw = (s: GeneratedStory) =>
        s.story.text
          .split('\n\n')
          .filter((p) => !s.label.chrome.includes(p) && !FIRST_PUBLISHED.test(p))
          .join('\n\n');
      if (raw(g) !== raw(src)) typographyChanged++;
    }
    expect(typographyChanged / reprints.length).toBeGreaterThan(0.9);
  });

  it('light rewrites: about one word in eight changed, most of the text kept in order', () => {
    const rewrites = ofKind('rewrite');
    expect(rewrites.length).toBeGreaterThan(20);
    for (const g of rewrites.slice(0, 25)) {
      const a = bodyWords(corpus[g.label.ofIndex!]);
      const b = bodyWords(g);
      const kept = lcs(a, b) / a.length;
      // 1/8 of words edited (85% of edits lose the word) and two paragraphs swapped: ~0.82 kept.
      expect(kept).toBeGreaterThan(0.72);
      expect(kept).toBeLessThan(0.95);
      expect(Math.abs(b.length - a.length) / a.length).toBeLessThan(0.1);
      // Few long runs survive: the longest is a small part of the story.
      expect(longestCommonRun(a, b)).toBeLessThan(a.length / 3);
    }
  });

  it('trimmed copies: the beginning of the source, its ending cut', () => {
    for (const g of ofKind('trimmed')) {
      const a = bodyWords(corpus[g.label.ofIndex!]);
      const b = bodyWords(g);
      expect(b).toEqual(a.slice(0, b.length));
      expect(b.length).toBeLessThan(a.length);
      expect(b.length).toBeGreaterThan(a.length * 0.3);
    }
  });

  it('reordered copies: the same paragraphs in another order, lede first', () => {
    for (const g of ofKind('reordered')) {
      const a = paragraphsOf(corpus[g.label.ofIndex!]);
      const b = paragraphsOf(g);
      expect([...b].sort()).toEqual([...a].sort());
      expect(b).not.toEqual(a);
      expect(b[0]).toBe(a[0]);
    }
  });

  it('partial reuses: a quoted passage of at least 30 words, the rest their own', () => {
    const partial = ofKind('partial');
    expect(partial.length).toBeGreaterThan(20);
    for (const g of partial.slice(0, 30)) {
      const a = bodyWords(corpus[g.label.ofIndex!]);
      const b = bodyWords(g);
      expect(g.label.quotedWords!).toBeGreaterThanOrEqual(30);
      expect(longestCommonRun(a, b)).toBeGreaterThanOrEqual(g.label.quotedWords!);
      expect(lcs(a, b)).toBeLessThan(g.label.quotedWords! + 0.6 * (b.length - g.label.quotedWords!));
    }
  });

  it('shares no passage of 12 words between stories the labels call unrelated', () => {
    // Every 12-word window of every story body, owned by the "family" (the original a copy copies) of
    // the first story holding it. A window seen again in another family, other than the one a partial
    // reuse quotes, is reuse the labels do not know about.
    const family = (g: GeneratedStory) => (g.label.kind === 'original' || g.label.kind === 'partial' ? g.label.index : g.label.ofIndex!);
    const owner = new Map<string, number>();
    let unlabelled = 0;
    let copiesSharing = 0;
    for (const g of corpus.slice(0, 800)) {
      const w = bodyWords(g);
      const mine = family(g);
      const quoted = g.label.kind === 'partial' ? g.label.ofIndex! : mine;
      let sharesWithSource = false;
      for (let i = 0; i + 12 <= w.length; i++) {
        const key = w.slice(i, i + 12).join(' ');
        const o = owner.get(key);
        if (o === undefined) owner.set(key, mine);
        else if (o === mine) sharesWithSource = true;
        else if (o !== quoted) unlabelled++;
      }
      if (g.label.of && g.label.kind !== 'partial' && sharesWithSource) copiesSharing++;
    }
    expect(unlabelled).toBe(0);
    const copies = corpus.slice(0, 800).filter((g) => g.label.of && g.label.kind !== 'partial').length;
    expect(copiesSharing).toBe(copies); // the check can see a shared window when there is one
  });

  it('repeats each site chrome line across its stories, outside the story body', () => {
    const bySite = new Map<number, GeneratedStory[]>();
    for (const g of corpus) bySite.set(g.label.site, [...(bySite.get(g.label.site) ?? []), g]);
    let checked = 0;
    for (const [site, stories] of bySite) {
      const chrome = [...gen.sites[site].chromeTop, ...gen.sites[site].chromeBottom];
      for (const g of stories) {
        expect(g.label.chrome).toEqual(chrome);
        const paras = g.story.text.split('\n\n');
        for (const line of chrome) expect(paras).toContain(line);
      }
      if (chrome.length && stories.length >= 3) checked++;
    }
    expect(checked).toBeGreaterThan(10);
    expect(gen.sites.filter((s) => s.chromeTop.length + s.chromeBottom.length === 0).length).toBeGreaterThan(0);
  });

  it('gives stories of one event more names in common than stories of different events', () => {
    const originals = ofKind('original').slice(0, 600);
    const names = (g: GeneratedStory) => new Set(g.story.text.match(/(?<=[a-z,] )[A-Z][a-z]{2,}/gu) ?? []);
    const sets = originals.map(names);
    let same = 0;
    let sameN = 0;
    let diff = 0;
    let diffN = 0;
    for (let i = 0; i < originals.length; i++)
      for (let j = i + 1; j < Math.min(originals.length, i + 40); j++) {
        let shared = 0;
        for (const n of sets[i]) if (sets[j].has(n)) shared++;
        if (originals[i].label.event === originals[j].label.event) {
          same += shared;
          sameN++;
        } else {
          diff += shared;
          diffN++;
        }
      }
    expect(sameN).toBeGreaterThan(20);
    expect(same / sameN).toBeGreaterThan((2 * diff) / diffN);
  });
});

describe('query pages', () => {
  const pages = Array.from({ length: 40 }, (_, k) => gen.page(k, N));

  it('are reproducible and 700–2000 words (plus any quoted passages)', () => {
    expect(new CorpusGenerator({ seed: 11 }).page(5, N)).toEqual(pages[5]);
    for (const p of pages) {
      expect(p.label.words).toBeGreaterThanOrEqual(700);
      expect(p.label.words).toBeLessThan(2000 + 250);
      expect(tokenize(p.page.text).words.length).toBeGreaterThanOrEqual(p.label.words);
    }
    expect(new Set(pages.map((p) => p.label.kind))).toEqual(new Set(['reprint', 'rewrite', 'quote', 'fresh']));
  });

  it('really contain what their labels expect, from originals inside the corpus', () => {
    const words = (text: string) => tokenize(text).words.map(americanSpelling);
    for (const p of pages) {
      const pw = words(p.page.text);
      if (p.label.kind === 'fresh') expect(p.label.expect).toEqual([]);
      for (const e of p.label.expect) {
        expect(e.index).toBeLessThan(N);
        expect(corpus[e.index].label.kind).toBe('original');
        const sw = bodyWords(corpus[e.index]);
        if (p.label.kind === 'reprint') expect(longestCommonRun(pw, sw)).toBeGreaterThan(sw.length * 0.3);
        if (p.label.kind === 'rewrite') expect(lcs(pw, sw)).toBeGreaterThan(sw.length * 0.8);
        if (p.label.kind === 'quote') expect(longestCommonRun(pw, sw)).toBeGreaterThanOrEqual(30);
      }
    }
  });
});

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes stories, labels and pages as JSON Lines', async () => {
    const out = join(dir, 'c.jsonl');
    const code = await main(['--stories', '25', '--seed', '11', '--out', out, '--pages', '3', '--pages-out', join(dir, 'p.jsonl')]);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(corpus.slice(0, 25).map((g) => g.story));
    const labels = readFileSync(`${out}.labels.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(labels).toEqual(corpus.slice(0, 25).map((g) => g.label));
    const pageLines = readFileSync(join(dir, 'p.jsonl'), 'utf8').trim().split('\n');
    expect(pageLines).toHaveLength(3);
    expect(JSON.parse(pageLines[0])).toEqual(gen.page(0, 25).page);
    expect(readFileSync(join(dir, 'p.jsonl.labels.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('rejects bad arguments with exit code 2', async () => {
    const err = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await main(['--stories', 'ten'])).toBe(2);
      expect(await main(['--stories', '0'])).toBe(2);
      expect(await main(['--stories', '5', '--seed', '-1'])).toBe(2);
      expect(await main(['--stories', '5', '--pages', '2'])).toBe(2);
      expect(await main(['--nonsense'])).toBe(2);
    } finally {
      process.stderr.write = err;
    }
  });
});
