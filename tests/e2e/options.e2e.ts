// The options page end to end in real Chromium with the built extension: import the seed pages
// through the real file input, watch the progress reach the end, see the collection with the right
// story count, re-import ("already present"), disable, delete, the sample corpus, settings, and an
// import cut short by closing the tab. Screenshots go to tests/e2e/screenshots/.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseFile } from '../../lib/corpus/parse-file';
import { launchExtension, ROOT, screenshot, type ExtensionSession } from './support/extension';

declare const chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } };

const SEED_DIR = join(ROOT, 'tests/fixtures/seeds');
const SEEDS = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(SEED_DIR, f));
/** What the parser finds in the seeds: the count the collection must show. */
const seedStories = SEEDS.flatMap((f) => parseFile(f, readFileSync(f)).stories);
const SEED_COUNT = new Set(seedStories.map((s) => s.id)).size;

let s: ExtensionSession;
let page: Page;

/** Sends a background message from an extension page, as the options page does. */
async function call<T>(p: Page, type: string, payload: unknown = null): Promise<T> {
  const r = await p.evaluate(([t, pl]) => chrome.runtime.sendMessage({ type: t, payload: pl }), [type, payload] as const);
  if (!r?.ok) throw new Error(`${type}: ${r?.error}`);
  return r.value as T;
}

const rowOf = (p: Page, name: string) => p.locator('table.collections tbody tr', { has: p.locator('th.name', { hasText: name }) });

async function finished(p: Page): Promise<void> {
  await p.locator('.import-progress:not(.state-running)').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  s = await launchExtension();
  page = await s.openExtensionPage('options.html');
  await page.getByRole('heading', { name: 'Collections' }).waitFor();
});

afterAll(async () => {
  await s?.close();
});

describe('options page', () => {
  it('starts empty and says how to begin', async () => {
    await expect(page.locator('.empty').textContent()).resolves.toContain('No collections yet');
    await screenshot(page, 'options-empty');
  });

  it('imports the seed pages through the file input, with progress to the end', async () => {
    await page.fill('#collection-name', 'Seed pages');
    await page.setInputFiles('#import-files', SEEDS);
    await page.locator('.import-progress').waitFor();
    await finished(page);
    await expect(page.locator('.import-progress h3').textContent()).resolves.toBe(`Import finished: ${SEED_COUNT} stories added.`);
    expect(await page.locator('progress').getAttribute('value')).toBe('100');
    expect(await page.locator('[data-testid="stories-added"]').textContent()).toBe(String(SEED_COUNT));
    const row = rowOf(page, 'Seed pages');
    await expect(row.locator('[data-testid="story-count"]').textContent()).resolves.toBe(String(SEED_COUNT));
    await expect(row.locator('input[type="checkbox"]').isChecked()).resolves.toBe(true);
    await screenshot(page, 'options-imported');
  });

  it('the background matches against what the import stored', async () => {
    const story = seedStories.find((x) => x.text.length > 2000)!;
    const r = await call<{ duplicates: { id: string }[] }>(page, 'checkPage', { text: story.text, title: story.title });
    expect(r.duplicates.map((d) => d.id)).toContain(story.id);
  });

  it('re-importing the same files adds nothing and says so', async () => {
    await page.setInputFiles('#import-files', SEEDS);
    await page.locator('.import-progress.state-running, .import-progress h3:text("already present")').first().waitFor();
    await finished(page);
    await expect(page.locator('.import-progress h3').textContent()).resolves.toBe(`Import finished: 0 stories added, ${SEED_COUNT} already present.`);
    await expect(page.locator('table.collections tbody tr').count()).resolves.toBe(1);
    await screenshot(page, 'options-reimported');
  });

  it('disables and re-enables a collection for matching', async () => {
    const story = seedStories.find((x) => x.text.length > 2000)!;
    const row = rowOf(page, 'Seed pages');
    await row.locator('input[type="checkbox"]').uncheck();
    await row.locator('text=Disabled').waitFor();
    const off = await call<{ duplicates: unknown[] }>(page, 'checkPage', { text: story.text });
    expect(off.duplicates).toEqual([]);
    await screenshot(page, 'options-disabled');
    await row.locator('input[type="checkbox"]').check();
    await row.locator('text=Enabled').waitFor();
    const on = await call<{ duplicates: unknown[] }>(page, 'checkPage', { text: story.text });
    expect(on.duplicates.length).toBeGreaterThan(0);
  });

  it('exports a collection as JSON Lines, one story per line', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), rowOf(page, 'Seed pages').getByRole('button', { name: /Export/ }).click()]);
    expect(download.suggestedFilename()).toBe('Seed pages.jsonl');
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(SEED_COUNT);
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'title', 'text']));
    expect(new Set(lines.map((l) => JSON.parse(l).id))).toEqual(new Set(seedStories.map((x) => x.id)));
  });

  it('deletes a collection after confirmation', async () => {
    const row = rowOf(page, 'Seed pages');
    await row.getByRole('button', { name: /Delete/ }).click();
    await screenshot(page, 'options-confirm-delete');
    await row.locator('.confirm').getByRole('button', { name: 'Delete' }).click();
    await page.locator('.empty').waitFor({ timeout: 30_000 });
    expect(await call<number>(page, 'storageUsage').then((u) => (u as unknown as { stories: number }).stories)).toBe(0);
    const story = seedStories[0];
    const r = await call<{ duplicates: unknown[] }>(page, 'checkPage', { text: story.text });
    expect(r.duplicates).toEqual([]);
  });

  it('loads the sample corpus with one click', async () => {
    await page.getByRole('button', { name: 'Load the sample corpus' }).click();
    await finished(page);
    await expect(rowOf(page, 'Sample corpus').locator('[data-testid="story-count"]').textContent()).resolves.toBe(String(SEED_COUNT));
    await screenshot(page, 'options-sample');
  });

  it('lists per-file problems and imports the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'st-bad-'));
    const bad = join(dir, 'broken.jsonl');
    writeFileSync(bad, '{"title":"One","text":"A first story with enough words to count as text here."}\n{not json\n{"title":"No text"}\n');
    const bin = join(dir, 'image.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 0, 0, 7, 8, 9, 0, 0]));
    await page.fill('#collection-name', 'Broken files');
    await page.setInputFiles('#import-files', [bad, bin]);
    await finished(page);
    const problems = page.locator('.import-problems');
    await expect(problems.locator('summary').textContent()).resolves.toContain('3 problems');
    const text = await problems.locator('tbody').textContent();
    expect(text).toContain('broken.jsonl');
    expect(text).toContain('image.bin');
    await expect(rowOf(page, 'Broken files').locator('[data-testid="story-count"]').textContent()).resolves.toBe('1');
    await screenshot(page, 'options-problems');
  });

  it('saves settings and refuses a bad site name with a message', async () => {
    await page.getByLabel(/Strict/).check();
    await page.getByLabel('Only when I click the toolbar button').check();
    await page.fill('#never-sites', 'https://www.example.com/news\nnot a site');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.live .error').waitFor();
    expect(await page.locator('.live .error').textContent()).toContain('Not a site name');
    await page.fill('#never-sites', 'https://www.example.com/news\nnews.example.org');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.live .notice', { hasText: 'Settings saved.' }).waitFor();
    const settings = await call<Record<string, unknown>>(page, 'getSettings');
    // What the form changed; the other settings keep their defaults.
    expect(settings).toEqual({
      sensitivity: 'strict',
      mode: 'click',
      neverCheckSites: ['example.com', 'news.example.org'],
      hiddenBadgeSites: [],
      privateReading: false,
      investigateSites: [],
      teamUrl: '',
      teamToken: '',
    });
    await screenshot(page, 'options-settings');
  });

  it('closing the tab mid-import stops at a batch boundary; the reopened page says how far it got', async () => {
    // A big JSON Lines file built from the seed paragraphs (distinct stories), so the import takes a while.
    const paragraphs = seedStories.flatMap((x) => x.text.split(/\n\n+/)).filter((p) => p.split(/\s+/).length > 20);
    const dir = mkdtempSync(join(tmpdir(), 'st-big-'));
    const big = join(dir, 'big.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const text = [0, 1, 2, 3, 4].map((k) => paragraphs[(i * 7 + k * 13) % paragraphs.length]).join('\n\n') + `\n\nStory number ${i}.`;
      lines.push(JSON.stringify({ id: `big-${i}`, title: `Generated story ${i}`, text }));
    }
    writeFileSync(big, lines.join('\n'));
    const tab = await s.openExtensionPage('options.html');
    await tab.getByRole('heading', { name: 'Collections' }).waitFor();
    await tab.fill('#collection-name', 'Big file');
    await tab.setInputFiles('#import-files', big);
    // Wait until at least one batch is stored, then close the tab in the middle of the next ones.
    await tab.waitForFunction(() => Number(document.querySelector('[data-testid="stories-added"]')?.textContent?.replace(/,/g, '')) > 0, undefined, { timeout: 60_000 });
    await screenshot(tab, 'options-importing');
    await tab.close();

    const again = await s.openExtensionPage('options.html');
    await again.locator('.import-progress').waitFor();
    await again.locator('.import-progress.state-interrupted').waitFor({ timeout: 30_000 });
    const jobs = await call<{ state: string; added: number; collectionId: string }[]>(again, 'listImportJobs');
    const job = jobs[0];
    expect(job.state).toBe('interrupted');
    expect(job.added).toBeGreaterThan(0);
    expect(job.added).toBeLessThan(30_000);
    // The collection holds exactly what the job says: every batch whole, none half-written.
    const cols = await call<{ id: string; stories: number }[]>(again, 'listCollections');
    expect(cols.find((c) => c.id === job.collectionId)?.stories).toBe(job.added);
    await expect(again.locator('.import-progress .error').textContent()).resolves.toContain('page was closed');
    await screenshot(again, 'options-interrupted');
    await again.close();
  });
});
