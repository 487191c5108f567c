// StoryIndex: adding stories and answering page queries ({duplicates, partial, related}) on top of
// any IndexBackend (memory, IndexedDB or PostgreSQL). The matching pipeline lives here once for all,
// and for the team index too: PageChecker runs it over any QuerySource (lib/index/query-source.ts),
// the local backend's (lib/index/backend-source.ts) or a team server's (lib/server/team-source.ts).
import type { Story } from '../corpus/story';
import { alignPassages, type WordPassage } from '../match/align';
import { analysePage, analyseStory, type PageAnalysis } from '../match/analyse';
import { classify, isRewrite } from '../match/classify';
import { hashWords } from '../match/fingerprint';
import { QUERY_WINDOW, SHINGLE_WORDS } from '../match/params';
import { queryTerms } from '../match/related';
import { rankRelated } from '../match/related-rank';
import { tokenize } from '../text/normalize';
import { PAGE_ANCHOR_TERMS, anchorTerms } from '../translation/anchor-terms';
import { findTranslations } from '../translation/find-translations';
import { BackendSource } from './backend-source';
import { PhaseClock } from './phase-clock';
import type { CandidateStory, QuerySource, RelatedCandidates } from './query-source';
import { storyRef } from './story-ref';
import type {
  AddResult,
  AnalysedStory,
  IndexBackend,
  PageInput,
  QueryOptions,
  QueryResult,
  RelatedMatch,
  ReuseMatch,
  Sensitivity,
} from './types';

export { storyRef };

/** A query in two stages (StoryIndex.queryStaged). */
export interface StagedQuery {
  /** Duplicates and partial reuse, `related: []`; `timings` cover the reuse steps only. */
  reuse: Promise<QueryResult>;
  /** The whole result, as query() answers it. */
  full: Promise<QueryResult>;
}

/** Smallest relatedness score reported, per sensitivity (tuned with `npm run eval`). */
const MIN_RELATED: Record<Sensitivity, number> = { strict: 0.16, normal: 0.1, loose: 0.06 };
/** Passages must cover this share of page or story before a rewrite check is worth its cost. */
const REWRITE_CHECK_SHARE = 0.2;
/** Shared key terms a related story needs at least: one shared name alone is coincidence. */
const MIN_SHARED_TERMS = 2;

/** Answers page queries over a QuerySource: the candidate stages read it, the matching runs here. */
export class PageChecker {
  constructor(readonly source: QuerySource) {}

  /** Checks a page against the corpus. */
  query(page: PageInput, opts: QueryOptions = {}): Promise<QueryResult> {
    return this.run(page, opts);
  }

  /**
   * The same query answered in two stages, for a caller that needs the reuse verdicts sooner than
   * related stories (the page's badges need only reuse): `reuse` holds duplicates and partial with
   * `related: []`, and `full` the whole result, as query() gives it. The related stage starts only
   * after `reuse` is settled and a task has passed, so its reads and scoring do not hold up the
   * caller's answer; `full.timings.related` counts from `reuse` on, that pause included.
   */
  queryStaged(page: PageInput, opts: QueryOptions = {}): StagedQuery {
    let answer!: (r: QueryResult) => void;
    let refuse!: (e: unknown) => void;
    const reuse = new Promise<QueryResult>((ok, no) => ((answer = ok), (refuse = no)));
    const full = this.run(page, opts, answer);
    // A query that ends early (empty corpus or page) or fails answers `reuse` from `full`. Both
    // count as handled: a caller may rightly await only one of them.
    void full.then(answer, refuse);
    void reuse.catch(() => {});
    return { reuse, full };
  }

  /** `onReuse`: the staged form (see queryStaged); without it, term rows are read alongside reuse. */
  private async run(page: PageInput, opts: QueryOptions, onReuse?: (r: QueryResult) => void): Promise<QueryResult> {
    const sensitivity = opts.sensitivity ?? 'normal';
    const top = opts.topRelated ?? 10;
    const clock = new PhaseClock();
    const a = analysePage(page.text, page.title ?? '', QUERY_WINDOW[sensitivity]);
    const result: QueryResult = { duplicates: [], partial: [], related: [], pageWords: a.tokens.words.length };
    if (a.tokens.words.length === 0) return result;

    const terms = queryTerms(a.terms);
    clock.lap('analyse');
    let reuseKnown!: (excluded: Set<number>) => void;
    const excludedForRelated = new Promise<Set<number>>((ok) => (reuseKnown = ok));
    const readRelated = () =>
      top > 0 && terms.length > 0 ? this.source.relatedCandidates(terms, excludedForRelated) : Promise.resolve(undefined);
    // The term postings do not depend on the reuse verdicts: for the whole answer at once, the
    // source reads them while reuse is worked out, so an IndexedDB backend serves both read chains
    // together. Staged, they wait: the reuse answer is the one in a hurry.
    const alongside = onReuse ? undefined : readRelated();
    void alongside?.catch(() => {});
    // Translation candidates are read with the related ones, under the same staging.
    const readTranslations = () =>
      opts.translations === false ? Promise.resolve([]) : this.readTranslationCandidates(page, excludedForRelated);
    const translationsAlongside = onReuse ? undefined : readTranslations();
    void translationsAlongside?.catch(() => {});
    const candidates = await this.source.reuseCandidates(a.uniqueHashes, opts.excludeIds ?? [], clock);
    const excluded = new Set(candidates.excluded);
    if (candidates.corpusSize === 0) {
      reuseKnown(excluded);
      await alongside?.catch(() => undefined);
      return result;
    }
    const reuse = this.findReuse(a, candidates.stories, candidates.boilerplate, sensitivity, clock);
    for (const m of reuse) (m.kind === 'duplicate' ? result.duplicates : result.partial).push(m.match);
    const rank = (x: ReuseMatch) => Math.max(x.pageShare, x.storyShare) + x.pageShare * x.storyShare;
    result.duplicates.sort((x, y) => rank(y) - rank(x));
    result.partial.sort((x, y) => rank(y) - rank(x));

    if (onReuse) {
      onReuse({ ...result, related: [], timings: clock.timings() });
      await nextTask();
    }
    for (const m of reuse) excluded.add(m.key);
    reuseKnown(excluded);
    // Translations are an addition to the answer: a failed read of them leaves it as it is.
    const translationsLater = (translationsAlongside ?? readTranslations()).catch((): CandidateStory[] => []);
    const related = await (alongside ?? readRelated());
    result.related = related ? this.findRelated(a.terms, terms, page.published, related, sensitivity, top) : [];
    clock.lap('related');
    this.addTranslations(page, result, await translationsLater, sensitivity);
    result.timings = clock.timings();
    return result;
  }

  /** Aligns and classifies the candidates (the stages before, in lib/index/backend-source.ts). */
  private findReuse(a: PageAnalysis, stories: CandidateStory[], boiler: Set<number>, sensitivity: Sensitivity, clock: PhaseClock) {
    const out: { key: number; kind: 'duplicate' | 'partial'; match: ReuseMatch }[] = [];
    for (const story of stories) {
      const tokens = tokenize(story.text);
      const passages = alignPassages(a.wordHashes, hashWords(tokens.words)).filter((p) => !isBoilerplate(p, a, boiler));
      if (passages.length === 0) continue;
      const verdict = classify(passages, a.tokens.words.length, tokens.words.length, sensitivity);
      if (verdict.kind === 'none') continue;
      // A heavier rewrite leaves passages over part of the text only; aligned regions covering the
      // whole shorter text show that the rest is the same copy reworded (lib/match/classify.ts).
      if (verdict.kind === 'partial' && Math.max(verdict.pageShare, verdict.storyShare) >= REWRITE_CHECK_SHARE)
        if (isRewrite(a.tokens.words, tokens.words, sensitivity)) verdict.kind = 'duplicate';
      out.push({
        key: story.key,
        kind: verdict.kind,
        match: {
          ...storyRef(story),
          kind: verdict.kind,
          pageShare: round(verdict.pageShare),
          storyShare: round(verdict.storyShare),
          passages: passages.map((p) => ({
            pageStart: a.tokens.starts[p.pageFrom],
            pageEnd: a.tokens.ends[p.pageTo - 1],
            storyStart: tokens.starts[p.storyFrom],
            storyEnd: tokens.ends[p.storyTo - 1],
          })),
        },
      });
    }
    clock.lap('align');
    return out;
  }

  /**
   * The translation stage (lib/translation): stories in another language that the page translates,
   * found by shared anchor terms and judged paragraph by paragraph. It runs with the related stage,
   * after the reuse answer: a translation is rarer and costs a few more reads.
   */
  private readTranslationCandidates(page: PageInput, excluded: Promise<Set<number>>): Promise<CandidateStory[]> {
    const source = this.source;
    if (!source.translationCandidates) return Promise.resolve([]);
    const anchors = anchorTerms(page.title ?? '', page.text, PAGE_ANCHOR_TERMS).map(([t]) => t);
    return excluded.then((ex) => source.translationCandidates!(anchors, ex));
  }

  private addTranslations(page: PageInput, result: QueryResult, candidates: CandidateStory[], sensitivity: Sensitivity) {
    const found = findTranslations(page.text, candidates, sensitivity);
    if (found.length === 0) return;
    const ids = new Set(found.map((m) => m.id));
    result.related = result.related.filter((r) => !ids.has(r.id));
    for (const { key: _key, ...m } of found) (m.kind === 'duplicate' ? result.duplicates : result.partial).push(m);
  }

  /** Scores the related candidates (ranked by their term postings in lib/index/backend-source.ts)
   *  over all the page's key terms, `queried` being those looked up (lib/match/related-rank.ts). */
  private findRelated(
    pageTerms: [string, number][],
    queried: [string, number][],
    published: string | undefined,
    { postings, stories, corpusSize }: RelatedCandidates,
    sensitivity: Sensitivity,
    top: number,
  ): RelatedMatch[] {
    if (queried.length === 0 || top <= 0) return [];
    const opts = { corpusSize, published, minScore: MIN_RELATED[sensitivity], minShared: MIN_SHARED_TERMS };
    return rankRelated(pageTerms, queried, postings, stories, opts)
      .slice(0, top)
      .map(({ story, score, terms }) => ({ ...storyRef(story), score: round(score), terms }));
  }
}

/** A page checker over its own backend, which also stores stories. */
export class StoryIndex extends PageChecker {
  constructor(readonly backend: IndexBackend) {
    super(new BackendSource(backend));
  }

  /** Analyses and stores stories into a collection (created if new). */
  async addStories(collection: { id: string; name: string }, stories: Story[]): Promise<AddResult> {
    return this.addAnalysed(collection, stories.map(analyseStory));
  }

  /** Stores stories already analysed (e.g. by an import worker). */
  async addAnalysed(collection: { id: string; name: string }, analysed: AnalysedStory[]): Promise<AddResult> {
    await this.backend.ensureCollection(collection);
    return this.backend.putStories(collection.id, analysed);
  }

  removeCollection(id: string): Promise<void> {
    return this.backend.removeCollection(id);
  }
}

/**
 * A passage is boilerplate when most of the page fingerprints lying wholly inside it are boilerplate,
 * or when boilerplate fingerprints cover at least half its words. Shares, not "all": winnowing picks
 * fingerprints by context, so at a passage's edges a story may hold a fingerprint the other copies of
 * the same footer did not select; and a footer naming its site ("… from The Daily Ledger, delivered
 * …") merges into one passage over the differing name, whose fingerprints are rare.
 */
const BOILERPLATE_FINGERPRINT_SHARE = 0.6;
const BOILERPLATE_WORD_SHARE = 0.5;

function isBoilerplate(p: WordPassage, a: PageAnalysis, boiler: Set<number>): boolean {
  if (boiler.size === 0) return false;
  const covered = new Uint8Array(p.pageTo - p.pageFrom);
  let inside = 0;
  let insideBoiler = 0;
  for (const f of a.fingerprints) {
    if (f.pos + SHINGLE_WORDS <= p.pageFrom || f.pos >= p.pageTo) continue;
    const wholly = f.pos >= p.pageFrom && f.pos + SHINGLE_WORDS <= p.pageTo;
    if (wholly) inside++;
    if (!boiler.has(f.hash)) continue;
    if (wholly) insideBoiler++;
    covered.fill(1, Math.max(f.pos, p.pageFrom) - p.pageFrom, Math.min(f.pos + SHINGLE_WORDS, p.pageTo) - p.pageFrom);
  }
  let words = 0;
  for (const c of covered) words += c;
  return (inside > 0 && insideBoiler >= inside * BOILERPLATE_FINGERPRINT_SHARE) || words >= covered.length * BOILERPLATE_WORD_SHARE;
}

/** Resolves after the tasks already queued (e.g. posting an answer that was just resolved). */
function nextTask(): Promise<void> {
  return new Promise((ok) => setTimeout(ok, 0));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
