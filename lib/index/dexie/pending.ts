// Postings waiting to be merged into the posting rows. An import batch stores its stories and its
// postings here (append-only, no posting row read), and the postings are merged into the rows later,
// a slice of the hash space per transaction, when enough have gathered.
//
// Why: merging a batch rewrites nearly every posting row (a batch's fingerprints hash uniformly over
// the rows), so each merge costs the size of the posting table. Merged per batch, an import's cost
// grew with the square of the corpus (measured in Chromium: 545 stories/s at 104k, 106 /s at 632k,
// ~230 s a batch), and the batch had to be held decoded in memory (1.8 GB at 512k). Gathered until
// they match the rows already merged (MERGE_GROWTH), each posting is rewritten about twice in all
// however large the corpus, and each merge transaction holds one part of the rows in memory.
//
// Stories whose postings are pending are stored but not found by page checks until the merge; an
// import merges what it gathered before it ends, and an interrupted one is finished by the
// background's upkeep. Every step is atomic: a batch writes its stories and its pending postings in
// one transaction, and a merge transaction writes a part's rows, the layouts and deletes that
// part's pending rows together, so a crash at any point loses nothing and counts nothing twice.
import { grownLayout, layoutRows, type FpLayout } from './buckets';
import { FP_LAYOUT_KEY, PENDING_KEY, type MetaRow, type PendingRow, type PendingTotals, type Table } from './rows';
import { PostingBatch, readLayout, startPostings, type PostingTables } from './postings';
import { TERM_LAYOUT_KEY, termRowHash } from './term-rows';

/** Parts of the hash space (top bits of a fingerprint hash or a term's row hash). A pending row
 *  holds one part of one batch, and a merge transaction merges one or more whole parts. */
export const PART_BITS = 6;
export const PARTS = 2 ** PART_BITS;
/** Pending rows are keyed part × 2^40 + sequence, so a part's rows are one key range. */
const PART_SPAN = 2 ** 40;
/** Merge when pending fingerprint postings reach this share of the merged ones (1: each merge
 *  doubles the rows, so the rows are rewritten about twice over a whole import). */
export const MERGE_GROWTH = 1;
/** Below this many pending fingerprint postings (~2,500 stories) one transaction merges every part:
 *  a small import, or a page added from the popup, is searchable in one step. */
export const MERGE_ONE_STEP = 500_000;
/** Bytes a term posting adds to a term row, about (the term layout grows on bytes). */
const TERM_POSTING_BYTES = 10;

export interface PendingTables extends PostingTables {
  pending: Table<PendingRow, number>;
}

export const partOfHash = (hash: number): number => hash >>> (32 - PART_BITS);

export async function readPendingTotals(meta: Table<MetaRow, string>): Promise<PendingTotals> {
  const row = (await meta.get(PENDING_KEY)) as PendingTotals | undefined;
  return row ?? { key: PENDING_KEY, seq: 0, fp: 0, terms: 0 };
}

/** Stores a batch's postings as pending rows, one per part it touches, inside the caller's transaction. */
export async function queuePending(tables: PendingTables, batch: PostingBatch): Promise<void> {
  if (batch.fpCount === 0 && batch.termCount === 0) return;
  const totals = await readPendingTotals(tables.meta);
  const fpParts = new Uint32Array(PARTS + 1);
  const termParts = new Uint32Array(PARTS + 1);
  for (let i = 0; i < batch.fpCount; i++) fpParts[partOfHash(batch.fpHashes[i]) + 1]++;
  for (let i = 0; i < batch.termCount; i++) termParts[partOfHash(termRowHash(batch.termIds[i])) + 1]++;
  const rows: PendingRow[] = [];
  const fpAt = new Uint32Array(PARTS);
  const termAt = new Uint32Array(PARTS);
  for (let p = 0; p < PARTS; p++) {
    const f = fpParts[p + 1];
    const t = termParts[p + 1];
    rows.push({
      k: p * PART_SPAN + totals.seq,
      fpHashes: new Uint32Array(f),
      fpKeys: new Float64Array(f),
      termIds: new Float64Array(t),
      termKeys: new Float64Array(t),
      termWeights: new Float64Array(t),
    });
  }
  for (let i = 0; i < batch.fpCount; i++) {
    const p = partOfHash(batch.fpHashes[i]);
    const r = rows[p];
    r.fpHashes[fpAt[p]] = batch.fpHashes[i];
    r.fpKeys[fpAt[p]++] = batch.fpKeys[i];
  }
  for (let i = 0; i < batch.termCount; i++) {
    const p = partOfHash(termRowHash(batch.termIds[i]));
    const r = rows[p];
    r.termIds[termAt[p]] = batch.termIds[i];
    r.termKeys[termAt[p]] = batch.termKeys[i];
    r.termWeights[termAt[p]++] = batch.termWeights[i];
  }
  const next: PendingTotals = {
    ...totals,
    seq: totals.seq + 1,
    fp: totals.fp + batch.fpCount,
    terms: totals.terms + batch.termCount,
  };
  await Promise.all([tables.pending.bulkAdd(rows.filter((r) => r.fpHashes.length > 0 || r.termIds.length > 0)), tables.meta.put(next)]);
}

/** While the merged rows hold fewer fingerprint postings than this (~20,000 stories) and nothing is
 *  pending, a batch is merged into the rows in its own transaction, as before schema v5: rewriting
 *  rows that small costs less than writing the postings pending and merging them later (measured in
 *  Chromium, 1,000 and 10,000 stories: 853 and 949 stories/s merged directly, 770 and 743 pending). */
export const DIRECT_MERGE_BELOW = 4_000_000;

/** True when a batch of `batchFp` fingerprint postings is best merged into the rows at once. */
export async function mergesDirectly(meta: Table<MetaRow, string>, batchFp: number, below = DIRECT_MERGE_BELOW): Promise<boolean> {
  const [totals, layout] = await Promise.all([readPendingTotals(meta), readLayout(meta)]);
  return totals.fp + totals.terms === 0 && layout.postings + batchFp <= below;
}

/** True when the pending postings are worth a merge (see MERGE_GROWTH). */
export async function mergeDue(meta: Table<MetaRow, string>): Promise<boolean> {
  const [totals, layout] = await Promise.all([readPendingTotals(meta), readLayout(meta)]);
  return totals.fp + totals.terms > 0 && totals.fp >= MERGE_GROWTH * layout.postings;
}

/**
 * Layout a merge of parts [p0, p1) moves to: toward what the merged rows plus everything pending
 * want, but split in prefix order only (linear hashing: prefixes below `split` are split, so the
 * layout stays one (level, split) pair after every transaction) and at most to the end of the
 * current level in one pass over the parts. Parts after a gap in the splitting wait their turn.
 */
export function partLayout(current: FpLayout, pending: number, p0: number, p1: number, bytesPerPosting?: number): FpLayout {
  const want = grownLayout(current, current.postings + pending, bytesPerPosting);
  // One transaction over every part may move to any layout: no reader sees a half-split level.
  if (p0 === 0 && p1 === PARTS)
    return want.level > current.level || want.split > current.split ? { ...want, postings: current.postings } : current;
  const { level, split } = current;
  const wantSplit = want.level > level ? 2 ** level : want.split;
  const perPart = 2 ** (level - PART_BITS);
  if (split < p0 * perPart || wantSplit <= split) return current;
  const to = Math.min(wantSplit, p1 * perPart);
  if (to <= split) return current;
  return to === 2 ** level ? { level: level + 1, split: 0, postings: current.postings } : { level, split: to, postings: current.postings };
}

/** True when the layout wants rows split (after a merge capped at a level's end). */
export function growthDue(current: FpLayout, pending: number, bytesPerPosting?: number): boolean {
  return layoutRows(grownLayout(current, current.postings + pending, bytesPerPosting)) > layoutRows(current);
}

/**
 * Merges the pending postings of parts [p0, p1) into the posting rows, inside the caller's
 * transaction (which must include the pending, posting, meta and collections tables). Dead
 * collections' postings are dropped.
 */
export async function mergeParts(tables: PendingTables, p0: number, p1: number, alive: (coll: number) => boolean): Promise<void> {
  const [rows, totals] = await Promise.all([
    tables.pending
      .where(':id')
      .between(p0 * PART_SPAN, p1 * PART_SPAN, true, false)
      .toArray(),
    readPendingTotals(tables.meta),
  ]);
  const batch = new PostingBatch();
  let fp = 0;
  let terms = 0;
  for (const r of rows) {
    fp += r.fpHashes.length;
    terms += r.termIds.length;
    batch.addPending(r, alive);
  }
  const finish = await startPostings(tables, batch, alive, (fpLayout, termLayout) => ({
    fp: partLayout(fpLayout, totals.fp, p0, p1),
    term: partLayout(termLayout, totals.terms * TERM_POSTING_BYTES, p0, p1, 1),
  }));
  await Promise.all([
    finish(),
    tables.pending.bulkDelete(rows.map((r) => r.k)),
    tables.meta.put({
      ...totals,
      fp: Math.max(0, totals.fp - fp),
      terms: Math.max(0, totals.terms - terms),
    }),
  ]);
}

/** Whether anything is pending or the layouts want to grow, and how to cut the merge. */
export async function mergePlan(meta: Table<MetaRow, string>): Promise<{ needed: boolean; oneStep: boolean }> {
  const [totals, fpLayout, termLayout] = await Promise.all([
    readPendingTotals(meta),
    readLayout(meta, FP_LAYOUT_KEY),
    readLayout(meta, TERM_LAYOUT_KEY),
  ]);
  const growth = growthDue(fpLayout, totals.fp) || growthDue(termLayout, totals.terms * TERM_POSTING_BYTES, 1);
  return { needed: growth || totals.fp + totals.terms > 0, oneStep: totals.fp < MERGE_ONE_STEP };
}
