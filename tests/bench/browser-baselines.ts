// Same-process baselines for the browser benchmark, run in an extension page of the same browser
// right after the measured import and checks (absolute times drift on shared machines; ratios to a
// baseline measured minutes apart in the same browser drift much less).
//  - Import: story-sized rows bulk-written into a scratch database, 8,000 a transaction, with no
//    analysis and no postings: the storage ceiling any importer of these stories is under.
//  - Check: the straightforward design, a page compared with every stored story (a cursor over the
//    story rows, MinHash resemblance with each). Timed over a prefix of the rows and scaled to the
//    corpus (the cost is linear in rows read); the figure says how many rows were read.
import type { Page } from 'playwright-core';

// Plain JS strings: evaluated in the page as written (no bundler helpers in the code sent over).
const STORE_BASELINE = `async ([stories, chars]) => {
  const name = 'storytrace-bench-baseline';
  await new Promise((ok) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = () => ok(); });
  const db = await new Promise((ok, err) => {
    const q = indexedDB.open(name, 1);
    q.onupgradeneeded = () => q.result.createObjectStore('stories', { keyPath: 'key' });
    q.onsuccess = () => ok(q.result);
    q.onerror = () => err(q.error);
  });
  const text = 'word '.repeat(Math.ceil(chars / 5)).slice(0, chars);
  const t0 = performance.now();
  for (let from = 0; from < stories; from += 8000) {
    await new Promise((ok, err) => {
      const tx = db.transaction('stories', 'readwrite');
      const st = tx.objectStore('stories');
      for (let k = from; k < Math.min(stories, from + 8000); k++) st.put({ key: k, id: 'b' + k, title: 'Title ' + k, text: text + k });
      tx.oncomplete = () => ok();
      tx.onerror = () => err(tx.error);
    });
  }
  const ms = performance.now() - t0;
  db.close();
  await new Promise((ok) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = () => ok(); });
  return ms;
}`;

const SCAN_BASELINE = `async ([limit]) => {
  const db = await new Promise((ok, err) => { const q = indexedDB.open('storytrace'); q.onsuccess = () => ok(q.result); q.onerror = () => err(q.error); });
  // A page signature to compare with (its values do not change the cost).
  const page = new Uint32Array(32).map((_, i) => (i * 2654435761) >>> 0);
  const t0 = performance.now();
  let rows = 0;
  let best = 0;
  await new Promise((ok, err) => {
    const cur = db.transaction('stories').objectStore('stories').openCursor();
    cur.onsuccess = () => {
      const c = cur.result;
      if (!c || rows >= limit) return ok();
      const nums = c.value.nums;
      let same = 0;
      for (let i = 0; i < 32; i++) if (nums[2 + i] === page[i]) same++;
      if (same > best) best = same;
      rows++;
      c.continue();
    };
    cur.onerror = () => err(cur.error);
  });
  const ms = performance.now() - t0;
  db.close();
  return { ms, rows };
}`;

export interface Baselines {
  /** Story-sized rows written per second with nothing else to do (storage ceiling). */
  store_rows_per_second: number;
  store_rows_written: number;
  /** A check by linear scan of the corpus: measured over `scan_rows_read` rows, scaled to the corpus. */
  linear_scan_check_ms: number;
  scan_rows_read: number;
}

export async function runBaselines(page: Page, corpusStories: number, charsPerStory: number): Promise<Baselines> {
  const written = Math.min(corpusStories, 20_000);
  const storeMs = await page.evaluate(`(${STORE_BASELINE})([${written}, ${Math.round(charsPerStory)}])`);
  const scanLimit = Math.min(corpusStories, 20_000);
  const scan = (await page.evaluate(`(${SCAN_BASELINE})([${scanLimit}])`)) as { ms: number; rows: number };
  return {
    store_rows_per_second: Math.round(written / ((storeMs as number) / 1000)),
    store_rows_written: written,
    linear_scan_check_ms: Math.round((scan.ms * corpusStories) / Math.max(1, scan.rows)),
    scan_rows_read: scan.rows,
  };
}
