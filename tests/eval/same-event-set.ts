// Same-event short stories that share wire quotes with the page, beside short stories the page really
// rewrites: the case where ordered content-word overlap mistakes coverage of one event for a copy.
// Built from real text: each Brown sample of the news-like genres `npm run eval` uses (one topic, one set of names) is one "event". From it:
//  - wire: two or three paragraphs an agency put out, quoted verbatim (sometimes retypeset) by both;
//  - a short corpus story: a few sentences of its own around the wire paragraphs, so 25–50% of its
//    words lie in the shared passages;
//  - a same-event page: a longer story of its own sentences from the same sample (same names, same
//    subject, in the same order of events) around the same wire paragraphs (< 40% of its words), and
//    on one page in three, one of the short story's own sentences (of four or more) retold in other
//    words (half the words changed), as a second outlet reports the same fact. Truth: partial reuse, never a
//    duplicate;
//  - a rewrite page: the short story lightly rewritten (one word in 4, 6 or 8 changed, a few dropped,
//    two paragraphs swapped), alone or followed by more of the sample's sentences (up to twice the
//    story's length). Truth: a duplicate.
import type { Story } from '../../lib/corpus/story';
import { brownDocuments } from '../support/brown';
import { lightRewrite, retypeset, rng } from '../support/rewrite';

export interface SameEventPage {
  id: string;
  kind: 'same-event' | 'same-event+retold' | 'rewrite-1in4' | 'rewrite-1in6' | 'rewrite-1in8' | 'rewrite+more';
  title: string;
  text: string;
  /** The short corpus story of the same sample. */
  story: string;
  /** What a correct check calls that story. */
  expect: 'duplicate' | 'partial';
  /** Share of the short story's words in the wire paragraphs (same-event pages). */
  storyWireShare?: number;
  /** Share of the page's words in the wire paragraphs (same-event pages). */
  pageWireShare?: number;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const wordsOf = (ps: string[]) => ps.reduce((n, p) => n + words(p), 0);

/** Sentences grouped into paragraphs of 1–3. */
function paragraphs(sentences: string[], r: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < sentences.length;) {
    const n = 1 + Math.floor(r() * 3);
    out.push(sentences.slice(i, i + n).join(' '));
    i += n;
  }
  return out;
}

/** `extra` paragraphs placed among `host` ones at spread positions (after the lede). */
function interleave(host: string[], extra: string[]): string[] {
  const out = host.slice();
  extra.forEach((p, k) => out.splice(Math.min(out.length, 1 + Math.round(((k + 0.5) * out.length) / extra.length) + k), 0, p));
  return out;
}

/** Every other word changed: the same fact told by another reporter. */
function retell(sentence: string, seed: number): string {
  return lightRewrite([sentence], seed, 2)[0];
}

export function buildSameEventSet(seed = 13): { corpus: Story[]; pages: SameEventPage[] } {
  const r = rng(seed);
  const docs = brownDocuments(['ca', 'cb', 'cc', 'cd', 'ce', 'cf', 'cg']).filter((d) => d.sentences.length >= 60);
  const corpus: Story[] = [];
  const pages: SameEventPage[] = [];
  docs.forEach((d, n) => {
    const s = d.sentences;
    // Wire paragraphs from the middle of the sample; the short story's own sentences before them,
    // the page's own sentences after them (and the sample's start as its lede).
    const wireSentences = s.slice(30, 30 + 3 + Math.floor(r() * 3));
    const wire = paragraphs(wireSentences, r);
    const wireWords = wordsOf(wire);
    // Own words of the short story so that wire words are 25–50% of it.
    const share = 0.25 + r() * 0.25;
    const ownTarget = (wireWords * (1 - share)) / share;
    const own: string[] = [];
    for (let i = 12; i < 30 && wordsOf(own) < ownTarget; i++) own.push(s[i]);
    const storyParagraphs = interleave(paragraphs(own, r), wire);
    const storyId = `${d.name}-short`;
    const storyText = storyParagraphs.join('\n\n');
    const title = s[12].split(' ').slice(0, 9).join(' ').replace(/[,.;:]$/, '');
    corpus.push({ id: storyId, title, text: storyText, source: `wire-client-${n % 5}` });
    // Another short story of the sample, sharing nothing verbatim: a same-event neighbour in the corpus.
    corpus.push({ id: `${d.name}-other`, title: s[4].split(' ').slice(0, 8).join(' '), text: paragraphs(s.slice(4, 12), r).join('\n\n'), source: 'other' });

    // The same-event page: its own sentences (lede from the sample's start, body after the wire).
    const pageOwn = [...s.slice(0, 4), ...s.slice(36, 36 + 12 + Math.floor(r() * 18))];
    let pageParagraphs = paragraphs(pageOwn, r);
    // One fact of the short story retold (never most of its own text: that would be a rewrite).
    const retold = n % 3 === 0 && own.length >= 4;
    if (retold) pageParagraphs.splice(1, 0, retell(own[n % own.length], n * 7));
    const quoted = wire.map((p, k) => (k % 2 === 1 ? retypeset(p) : p));
    pageParagraphs = interleave(pageParagraphs, quoted);
    const pageText = pageParagraphs.join('\n\n');
    pages.push({
      id: `same-${d.name}`,
      kind: retold ? 'same-event+retold' : 'same-event',
      title: s[36].split(' ').slice(0, 9).join(' '),
      text: pageText,
      story: storyId,
      expect: 'partial',
      storyWireShare: wireWords / words(storyText),
      pageWireShare: wireWords / words(pageText),
    });

    // The rewrite page.
    const every = [4, 6, 8][n % 3];
    let rewritten = lightRewrite(storyParagraphs, n + 1000, every);
    const more = n % 2 === 1;
    if (more) {
      const tail: string[] = [];
      for (let i = 36; i < s.length && wordsOf(tail) < words(storyText) * (0.3 + r() * 0.7); i++) tail.push(s[i]);
      rewritten = [...rewritten, ...paragraphs(tail, r)];
    }
    pages.push({
      id: `rewrite-${d.name}`,
      kind: more ? 'rewrite+more' : (`rewrite-1in${every}` as SameEventPage['kind']),
      title,
      text: rewritten.join('\n\n'),
      story: storyId,
      expect: 'duplicate',
    });
  });
  return { corpus, pages };
}
