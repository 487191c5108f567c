// The team index as a QuerySource: the page's fingerprint hashes and term ids go to the server,
// never its text or its words' positions; the candidates come back and the local PageChecker
// aligns, classifies and scores them with the same code as a local check. Every story it answers
// is marked `team`.
import type { CandidateStory, QuerySource, RelatedCandidates, ReuseCandidates, TermsStory } from '../index/query-source';
import { termId } from '../index/term-id';
import type { StoryRef, TermPostings } from '../index/types';
import { TeamClient, TeamError } from './team-client';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** A story ref from the wire, its fields checked: the server is trusted with hashes, not with shapes. */
function ref(raw: unknown): (StoryRef & { key: number }) | undefined {
  const s = raw as Record<string, unknown>;
  if (typeof s !== 'object' || s === null || !isNum(s.key) || !isStr(s.id) || !isStr(s.title) || !isStr(s.collection)) return undefined;
  const out: StoryRef & { key: number } = { key: s.key, id: s.id, title: s.title, collection: s.collection, team: true };
  for (const k of ['url', 'source', 'date', 'published', 'author'] as const) if (isStr(s[k]) && s[k]) out[k] = s[k] as string;
  // A link from the server opens only as a web page, never as javascript: or data:.
  if (out.url && !/^https?:\/\//i.test(out.url)) delete out.url;
  return out;
}

export class TeamSource implements QuerySource {
  constructor(readonly client: TeamClient) {}

  async reuseCandidates(hashes: number[], excludeIds: string[]): Promise<ReuseCandidates> {
    const r = await this.client.checkReuse({ fingerprints: hashes, ...(excludeIds.length ? { exclude: excludeIds } : {}) });
    if (!isNum(r.corpusSize) || !Array.isArray(r.stories) || !Array.isArray(r.boilerplate) || !Array.isArray(r.excluded))
      throw new TeamError('server', 'the team index sent a malformed check answer');
    const stories: CandidateStory[] = [];
    for (const raw of r.stories) {
      const s = ref(raw);
      const text = (raw as { text?: unknown }).text;
      if (s && isStr(text)) stories.push({ ...s, text });
    }
    return { corpusSize: r.corpusSize, excluded: r.excluded.filter(isNum), boilerplate: new Set(r.boilerplate.filter(isNum)), stories };
  }

  async relatedCandidates(terms: [string, number][], excluded: Promise<Set<number>>): Promise<RelatedCandidates> {
    const ids = new Map<number, string>();
    for (const [t] of terms) ids.set(termId(t), t);
    const exclude = [...(await excluded)];
    const r = await this.client.checkRelated({ terms: terms.map(([t, w]) => [termId(t), w]), ...(exclude.length ? { exclude } : {}) });
    if (!isNum(r.corpusSize) || !Array.isArray(r.df) || !Array.isArray(r.stories)) throw new TeamError('server', 'the team index sent a malformed check answer');
    const postings = new Map<string, TermPostings>();
    for (const pair of r.df) {
      if (!Array.isArray(pair) || !isNum(pair[0]) || !isNum(pair[1])) continue;
      const term = ids.get(pair[0]);
      if (term !== undefined) postings.set(term, { df: pair[1], keys: [], weights: [] });
    }
    const stories: TermsStory[] = [];
    for (const raw of r.stories) {
      const s = ref(raw);
      const t = (raw as { terms?: unknown }).terms;
      if (!s || !Array.isArray(t)) continue;
      stories.push({ ...s, terms: t.filter((x): x is [string, number] => Array.isArray(x) && isStr(x[0]) && isNum(x[1])) });
    }
    return { corpusSize: r.corpusSize, postings, stories };
  }
}
