// Matching parameters in one place, each with the reason for its value.
// Figures quoted here come from `npm run eval` and `npm run bench` (see BENCHMARKS.md).

/** Words per shingle. 5 keeps stock 3–4 word phrases ("said in a statement") from being evidence
 *  while a light rewrite (one word in eight changed) still leaves ~half its 5-grams intact. */
export const SHINGLE_WORDS = 5;

/** Winnowing window in shingles. Winnowing guarantees that any shared run of at least
 *  WINDOW + SHINGLE_WORDS - 1 = 8 words yields at least one shared fingerprint (the product's
 *  "shared passage" threshold), while storing about 2 / (WINDOW + 1) = 40% of the shingles. */
export const WINDOW = 4;

/** Guaranteed detection threshold in words (derived, documented above). */
export const GUARANTEED_RUN = WINDOW + SHINGLE_WORDS - 1;

/**
 * Winnowing window used on the PAGE side when looking fingerprints up, per sensitivity. A page
 * winnowed with a larger window W ≥ WINDOW selects a subset of what the index holds for any shared run
 * of at least W + SHINGLE_WORDS - 1 words (the minimum of a W-window is also the minimum of every
 * WINDOW-window inside it, rightmost on ties), so fewer look-ups still guarantee that run length.
 * Each look-up is an IndexedDB read, the largest cost of a check, so the window follows what the
 * sensitivity reports anyway: 'normal' reports reuse from 16 identical words (classify.ts), and
 * W = 10 guarantees runs of 14 (0.18 look-ups per word instead of 0.4); 'loose' keeps the full
 * 8-word guarantee; 'strict' (25 words) uses W = 12 (16 words).
 */
export const QUERY_WINDOW = { strict: 12, normal: 10, loose: WINDOW } as const;

/** Most fingerprints looked up for one page: a 50,000-word page widens its window to stay near this
 *  bound, trading its guaranteed run length for a bounded check time. */
export const MAX_QUERY_FINGERPRINTS = 450;

/** MinHash permutations in each story's signature: 32 × 4 bytes per story; the standard error of a
 *  resemblance estimate is about 1/sqrt(32) ≈ 0.18, enough to tell near-copies (>0.5) from
 *  unrelated stories (<0.05) when deciding whether a passage is boilerplate. */
export const SIGNATURE_SIZE = 32;

/** Words in an alignment seed. 4 catches runs between the edits of a light rewrite (about seven
 *  words between changes) without seeding on the commonest 3-word phrases. */
export const SEED_WORDS = 4;

/** Largest gap (in words, on either side) bridged when merging aligned runs into one passage:
 *  covers a changed, dropped or inserted word or two, as a rewrite desk makes them. */
export const MAX_GAP_WORDS = 4;

/** Smallest passage reported, in words: the product's "about 8 consecutive words". */
export const MIN_PASSAGE_WORDS = 8;

/** Candidate stories fully aligned per query (by shared fingerprints): bounds query cost. */
export const MAX_CANDIDATES = 40;

/** A fingerprint held by more stories than this (or by more than 0.2% of the corpus) is treated as
 *  boilerplate outright: site chrome and formulas, never copy. */
export const HARD_BOILERPLATE_DF = 200;
export const HARD_BOILERPLATE_SHARE = 0.002;

/** A fingerprint held by at least this many stories is checked for being boilerplate: it is, when
 *  the stories holding it are otherwise unlike each other (mean MinHash resemblance below
 *  BOILERPLATE_MAX_RESEMBLANCE), i.e. the passage recurs across unrelated stories. */
export const SOFT_BOILERPLATE_DF = 4;
/** Below SOFT_BOILERPLATE_DF, a hash held by this many stories is boilerplate when they are unlike
 *  each other and all come from the same site (source or URL host): a small site's chrome. */
export const SITE_BOILERPLATE_DF = 2;
export const BOILERPLATE_MAX_RESEMBLANCE = 0.15;

/** Key terms kept per story for relatedness. */
export const TERMS_PER_STORY = 60;
/** Key terms of the page its relatedness cosine is computed over. The stories' side is bounded by
 *  what is stored (TERMS_PER_STORY), the page's is not: it is analysed where it is read, so more of
 *  its terms cost no storage and almost no time, and a story's stored term now meets the page's
 *  weaker mention of it. `npm run eval:ndcg` (brown / generated, NDCG@10): 60 → 200 page terms
 *  0.547 → 0.576 / 0.977 → 0.989, and `npm run eval:related -- 10000` precision 0.688 → 0.722,
 *  recall@10 0.797 → 0.850; 1000 gives the same as 200. Only QUERY_TERMS of them are looked up
 *  (or sent to a team server). */
export const PAGE_TERMS = 200;
/** Key terms of the page looked up at query time. */
export const QUERY_TERMS = 40;
/** Stories scored in full for relatedness after the postings pass. Each is a story row read in
 *  IndexedDB (100 rows: ~20 ms of a check at 100k stories). `npm run eval:related -- 30000 300`
 *  ranks as well with 30 as with 100 (precision 0.831 / 0.822, recall@10 0.615 / 0.615, same MRR),
 *  and 20 or 40 match 100 exactly at 10k: the postings pass already puts the right ones first. */
export const RELATED_CANDIDATES = 30;
