// Splits a scraped text page (several stories, site chrome, bylines, reprints) into stories.
//
// Pipeline: text → paragraphs (segment-paragraphs) → each paragraph cleaned and classified as chrome,
// metadata or content (chrome, segment-meta) → one pass that opens a story at every headline and
// appends body paragraphs, splitting off reprints (segment-repeat) → drafts checked and finished.
//
// When does a one-line paragraph start a new story rather than sit in the current one as a subheading?
//  1. It repeats itself in a row ("Title / Title / Title", as aggregator pages print headlines).
//  2. A byline block follows it (author, "Published", "on", date), possibly after a standfirst line.
//  3. The paragraph after it opens with a wire dateline ("LONDON (Reuters) -", "МОСКВА, 22 апреля. /ТАСС/.").
//  4. It comes after an end-of-story marker ("Continue Reading", "(more…)", comment widgets) and a body
//     paragraph follows.
//  5. In Markdown, it is a heading of the top level used in the file (a "# " heading, or a top-level
//     heading of 5+ words); deeper headings are subheadings.
//  6. Otherwise only a plain headline shape qualifies: one sentence without final period, no question or
//     exclamation, 7+ words (4+ with an attribution such as "— Russian MFA" or ", says governor"), at
//     most one comma, followed by a prose paragraph. Subheadings are shorter ("Brazilian Gateway").
//     Such a line starts a story only when the page shows it holds several stories (at least two lines
//     with signal 1, 2 or 3), or when the text after it changes topic (few shared content words).
// The first headline-shaped line before any body is the first story's title; inside a story's header
// (title seen, no body yet) headline-shaped lines are a standfirst, kept as the first paragraph and
// dropped only when the body repeats it. A story without a title of its own takes one made from its
// first sentence, except a reprint, which takes the title of the story it repeats.
//
// Other boundaries: a byline, author or date line after body text opens the next story (its header);
// after an end-of-story marker, short non-prose lines are dropped until prose or a headline comes.
// A story never repeats itself: when two consecutive substantial paragraphs mostly repeat the story's
// earlier text (word 3-grams), a reprint starts there and becomes a story of its own.
// Dropped: drafts with no body, or whose body has no real paragraph (only labels left from chrome).
import { chromeKey, chromeKind, cleanParagraph, countWords, endsSentence, structuralChrome, type ChromeKind } from './chrome';
import { looksLikeName, parseDateLine, parseMetaLine, type MetaLine } from './segment-meta';
import { looksBinary, toParagraphs, type Paragraph } from './segment-paragraphs';
import { RepeatTracker } from './segment-repeat';
import {
  commaCount,
  datelineAgency,
  deriveTitle,
  hasHeadlineMarks,
  isProse,
  isQuestionOrExclamation,
  isTitleCandidate,
  topicTerms,
} from './segment-title';

/** One story found in a page. `text` is its body paragraphs joined with "\n\n" (no title, no chrome). */
export interface SegmentedStory {
  title: string;
  text: string;
  date?: string;
  author?: string;
  source?: string;
}

/** Below this share of content words already used by the story, the text has changed topic. */
const TOPIC_SHIFT = 0.2;
/** Lines with a strong headline signal needed before plain headline shapes may open stories. */
const MULTI_STORY_EVIDENCE = 2;

type ItemKind = 'text' | 'heading' | 'code' | 'chrome' | 'meta';
interface Item {
  text: string;
  kind: ItemKind;
  key: string;
  chrome?: ChromeKind;
  meta?: MetaLine;
  heading?: number;
}

interface Draft {
  title?: string;
  titleLevel?: number;
  reprintOf?: Draft;
  paras: string[];
  standfirst: boolean;
  author?: string;
  authorRank: number;
  date?: string;
  source?: string;
  /** Topic terms of paras[0..termsUpTo), filled lazily: only the topic-shift test needs them. */
  terms: Set<string>;
  termsUpTo: number;
  tracker: RepeatTracker;
}

interface Pending {
  author?: string;
  authorRank: number;
  date?: string;
  source?: string;
}

const HEADER_META = new Set<MetaLine['kind']>(['label', 'byline', 'name', 'authored', 'date']);
const AUTHOR_RANK: Partial<Record<MetaLine['kind'], number>> = { name: 1, byline: 2, authored: 3 };

/** Splits a scraped text page (possibly several stories plus site chrome) into stories. */
export function segmentPage(text: string): SegmentedStory[] {
  if (typeof text !== 'string' || !text.trim() || looksBinary(text)) return [];
  const page = toParagraphs(text);
  const items = classify(page.paragraphs);
  const frontDate = page.front.date ? (parseDateLine(page.front.date) ?? page.front.date) : undefined;
  const drafts = assemble(items);
  const stories = finish(drafts.drafts, drafts.pageDate ?? frontDate);
  if (stories.length) {
    if (page.front.title && drafts.drafts[0] && !drafts.drafts[0].title) stories[0].title = page.front.title;
    for (const s of stories) {
      if (page.front.author && !s.author) s.author = page.front.author;
      if (page.front.source && !s.source) s.source = page.front.source;
    }
  }
  return stories;
}

/** Cleans every paragraph and labels it content, heading, code, metadata or chrome. */
function classify(paragraphs: readonly Paragraph[]): Item[] {
  const items: Item[] = [];
  for (const p of paragraphs) {
    if (p.code) {
      items.push({ text: p.text, kind: 'code', key: '' });
      continue;
    }
    const text = cleanParagraph(p.text);
    if (!text) continue;
    // Keys compare headline repetitions; long paragraphs compare as they are.
    const key = text.length <= 200 ? chromeKey(text) : text;
    const item: Item = { text, kind: p.heading ? 'heading' : 'text', key, heading: p.heading };
    const meta = parseMetaLine(text);
    const chrome = meta ? undefined : chromeKind(text, text.length <= 200 ? key : undefined);
    if (meta) {
      item.kind = 'meta';
      item.meta = meta;
    } else if (chrome === 'meta') {
      item.kind = 'meta';
      item.meta = { kind: 'label' };
    } else if (chrome) {
      item.kind = 'chrome';
      item.chrome = chrome;
    }
    items.push(item);
  }
  const locked = items.map((it) => it.kind === 'meta' || it.kind === 'code');
  const structural = structuralChrome(
    items.map((it) => (it.kind === 'code' ? '' : it.text)),
    locked,
    items.map((it) => it.key),
  );
  items.forEach((it, i) => {
    if (structural[i] && (it.kind === 'text' || it.kind === 'heading')) {
      it.kind = 'chrome';
      it.chrome = 'repeat';
    }
  });
  // An author's name on its own line is recognised by the "Published"/date line right after it.
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'text' || it.text.length > 60 || countWords(it.text, 5) > 5 || !looksLikeName(it.text)) continue;
    let j = i + 1;
    while (j < items.length && items[j].kind === 'chrome') j++;
    const next = items[j]?.meta;
    if (next && (next.kind === 'label' || next.kind === 'date')) {
      it.kind = 'meta';
      it.meta = { kind: 'name', author: it.text };
    }
  }
  return items;
}

/** Title seen, body not started yet (a standfirst alone does not start the body). */
const inHeader = (d: Draft): boolean => d.paras.length === 0 || (d.paras.length === 1 && d.standfirst);

function newDraft(title?: string, titleLevel?: number): Draft {
  return { title, titleLevel, paras: [], standfirst: false, authorRank: 0, terms: new Set(), termsUpTo: 0, tracker: new RepeatTracker() };
}

/** The single pass over classified items that opens stories and fills their bodies. */
function assemble(items: readonly Item[]): { drafts: Draft[]; pageDate?: string } {
  const n = items.length;
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  let pending: Pending = { authorRank: 0 };
  let pageDate: string | undefined;
  // An end-of-story marker was seen since the last body paragraph: short orphan lines are dropped
  // and a headline-shaped line followed by prose opens the next story.
  let closed = false;

  const nextContent = (j: number): number => {
    while (j < n && items[j].kind === 'chrome') j++;
    return j;
  };
  const lastRepeat = (i: number): number => {
    let last = i;
    for (;;) {
      const k = nextContent(last + 1);
      if (k < n && (items[k].kind === 'text' || items[k].kind === 'heading') && items[k].key === items[i].key) last = k;
      else return last;
    }
  };
  const isHeaderMeta = (k: number): boolean => k < n && items[k].kind === 'meta' && HEADER_META.has(items[k].meta!.kind);
  /** A byline block starts at j, possibly after one standfirst line. */
  const metaFollows = (j: number): boolean => {
    const k = nextContent(j);
    if (isHeaderMeta(k)) return true;
    return k < n && items[k].kind === 'text' && isHeaderMeta(nextContent(k + 1));
  };

  /** The prose paragraph after a headline-shaped line opens with a wire dateline ("LONDON (Reuters) -"). */
  const datelineFollows = (title: string, j: number): boolean => {
    const k = nextContent(j);
    return (
      k < n &&
      items[k].kind === 'text' &&
      !isQuestionOrExclamation(title) &&
      isProse(items[k].text) &&
      datelineAgency(items[k].text) !== undefined
    );
  };

  // A loop, not Math.min(...levels): a hostile file may hold more headings than a call has arguments.
  let topHeading = 0;
  for (const it of items) if (it.kind === 'heading' && (!topHeading || it.heading! < topHeading)) topHeading = it.heading!;
  let strong = 0;
  for (let i = 0; i < n && strong < MULTI_STORY_EVIDENCE; i++) {
    const it = items[i];
    if (it.kind !== 'text' || !isTitleCandidate(it.text)) continue;
    const last = lastRepeat(i);
    if (last > i || metaFollows(last + 1) || datelineFollows(it.text, last + 1)) strong++;
    i = last;
  }
  const multiStory = strong >= MULTI_STORY_EVIDENCE;

  const topicShift = (story: Draft, from: number): boolean => {
    const next = new Set<string>();
    for (let k = from, seen = 0; k < n && seen < 3; k++) {
      if (items[k].kind !== 'text') continue;
      topicTerms(items[k].text, next);
      seen++;
    }
    if (!next.size) return false;
    for (; story.termsUpTo < story.paras.length; story.termsUpTo++) topicTerms(story.paras[story.termsUpTo], story.terms);
    let shared = 0;
    for (const t of next) if (story.terms.has(t)) shared++;
    return shared / next.size < TOPIC_SHIFT;
  };

  /** Index of the title's last repetition when items[i] opens a story, else -1. */
  const titleAt = (i: number): number => {
    const it = items[i];
    const last = lastRepeat(i);
    const repeated = last > i;
    const after = nextContent(last + 1);
    if (after >= n) return -1;
    const hasBody = !!cur && !inHeader(cur);
    if (it.kind === 'heading') {
      if (repeated || !cur) return last;
      if (!hasBody) return cur.title !== undefined && (cur.titleLevel ?? 0) <= it.heading! ? -1 : last;
      if (it.heading === topHeading && (it.heading === 1 || closed || countWords(it.text) >= 5)) return last;
      return -1;
    }
    if (it.kind !== 'text' || !isTitleCandidate(it.text)) return -1;
    if (repeated || !cur) return last;
    if (!hasBody) return -1;
    if (metaFollows(last + 1) || datelineFollows(it.text, last + 1)) return last;
    const next = items[after];
    const nextIsBody = next.kind === 'text' && isProse(next.text) && !isTitleCandidate(next.text);
    if (closed) return nextIsBody ? last : -1;
    if (topHeading || !nextIsBody || isQuestionOrExclamation(it.text)) return -1;
    const words = countWords(it.text);
    if (!(words >= 7 || (words >= 4 && hasHeadlineMarks(it.text))) || commaCount(it.text) > 1) return -1;
    return multiStory || topicShift(cur!, after) ? last : -1;
  };

  const applyMeta = (target: Draft | Pending, m: MetaLine): void => {
    const rank = AUTHOR_RANK[m.kind] ?? 0;
    if (m.author && rank > target.authorRank) {
      target.author = m.author;
      target.authorRank = rank;
    }
    if (m.date) target.date ??= m.date;
    if (m.source) target.source ??= m.source;
  };
  const open = (title?: string, level?: number): Draft => {
    const d = newDraft(title, level);
    d.author = pending.author;
    d.authorRank = pending.authorRank;
    d.date = pending.date;
    d.source = pending.source;
    pending = { authorRank: 0 };
    drafts.push(d);
    closed = false;
    return d;
  };

  for (let i = 0; i < n; i++) {
    const it = items[i];
    if (it.kind === 'chrome') {
      if (it.chrome === 'end' && cur && cur.paras.length) closed = true;
      continue;
    }
    if (it.kind === 'meta') {
      const m = it.meta!;
      if (cur && !inHeader(cur)) {
        // "Via X" closes a story and names its source.
        if (m.kind === 'via') {
          cur.source ??= m.source;
          continue;
        }
        // A byline, author or date after body text starts the header of the next story (a bare
        // "Published"/"on" label only after an end-of-story marker).
        if (m.kind !== 'label' || closed) {
          cur = undefined;
          closed = false;
        }
      }
      if (!cur) {
        if (m.kind === 'date' && !pageDate && !drafts.length) pageDate = m.date;
        else applyMeta(pending, m);
      } else if (inHeader(cur)) {
        applyMeta(cur, m);
      }
      continue;
    }
    if (it.kind !== 'code') {
      const last = titleAt(i);
      if (last >= 0) {
        cur = open(it.text, it.kind === 'heading' ? it.heading : undefined);
        i = last;
        continue;
      }
      if (closed && !isProse(it.text)) continue;
    }
    cur ??= open();
    closed = false;
    const story: Draft = cur;
    if (!story.paras.length && it.kind === 'text') story.standfirst = story.title !== undefined && metaFollows(i + 1);
    story.paras.push(it.text);
    const start = story.tracker.add(it.text);
    if (start >= 0) {
      // The story started over: from `start` on it is a reprint of itself, a story of its own.
      const moved = story.paras.splice(start);
      story.termsUpTo = Math.min(story.termsUpTo, story.paras.length);
      const reprint = newDraft();
      reprint.reprintOf = story;
      reprint.paras = moved;
      reprint.tracker.restart(moved);
      drafts.push(reprint);
      cur = reprint;
    }
  }
  return { drafts, pageDate };
}

const fold = (s: string): string =>
  ` ${s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/** A body worth a story: one real paragraph at least (not just labels left over from chrome). */
function hasSubstance(paras: readonly string[]): boolean {
  return paras.some((p) => {
    const w = countWords(p, 8);
    return w >= 8 || (w >= 3 && endsSentence(p));
  });
}

/** Drops empty or chrome-only drafts, a standfirst the body repeats, and resolves titles and dates. */
function finish(drafts: readonly Draft[], pageDate: string | undefined): SegmentedStory[] {
  const out: SegmentedStory[] = [];
  const titles = new Map<Draft, string>();
  for (const d of drafts) {
    let paras = d.paras.map((p) => p.trim()).filter(Boolean);
    if (d.standfirst && paras.length > 1) {
      const head = fold(paras[0]);
      // Only paragraphs holding the standfirst's longest word are folded and compared (big pages).
      const probe = (paras[0].match(/[\p{L}\p{N}]+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
      if (head.trim() && paras.slice(1).some((p) => p.includes(probe) && fold(p).includes(head))) paras = paras.slice(1);
    }
    const title = d.title ?? (d.reprintOf ? titles.get(d.reprintOf) : undefined) ?? (paras[0] ? deriveTitle(paras[0]) : '');
    titles.set(d, title);
    if (!paras.length || !hasSubstance(paras)) continue;
    const story: SegmentedStory = { title: title.replace(/\s+/gu, ' ').trim(), text: paras.join('\n\n') };
    const date = d.date ?? pageDate;
    if (date) story.date = date;
    if (d.author) story.author = d.author;
    const agency = d.source
      ? undefined
      : paras
          .slice(0, 2)
          .map(datelineAgency)
          .find((a) => a);
    if (d.source || agency) story.source = d.source ?? agency;
    out.push(story);
  }
  return out;
}
