// Reading speed in real Chromium with the built extension: time from page load to badges drawn for
// a ~2,000-word article that reprints a corpus story, against a generated corpus (default 20,000
// stories, imported through the options page like a user would), with a warm and a stopped
// service worker; and the script time the extension adds to a page that is not an article.
//   npm run bench:reading [-- --stories 20000 --runs 30 --cold 10 --out .output/bench/browser-check.json]
//   npm run bench:reading -- --stories 100000 --profile DIR   (a corpus bench:browser kept in DIR)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CorpusGenerator, type GeneratedPage } from './generate-corpus';
import { median, p95, summarize } from './stats';
import { CHROMIUM_PATH, ROOT, launchExtension, startStaticServer, stopServiceWorker } from '../e2e/support/extension';
import { importFiles } from '../e2e/reading-corpus';
import { keptCorpus, prepareKeptProfile } from './kept-profile';
import { openBridge, readingMarks, waitUntil } from '../e2e/reading-helpers';
import { PAGES_DIR } from '../fixtures/pages/pages';

const { values: opt } = parseArgs({
  options: {
    stories: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '30' },
    cold: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', default: join(ROOT, '.output/bench/browser-check.json') },
    // A profile kept by `npm run bench:browser -- --profile DIR` (same --stories and --seed): no
    // import here, the pages are checked against the corpus it holds (e.g. 100,000 stories or more).
    profile: { type: 'string' },
  },
});
const STORIES = Number(opt.stories);
const RUNS = Number(opt.runs);
const COLD = Number(opt.cold);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A 1,900–2,200-word page that reprints or rewrites one corpus story. */
function pickArticle(gen: CorpusGenerator): GeneratedPage {
  for (let k = 0; k < 5000; k++) {
    const p = gen.page(k, STORIES);
    const words = p.page.text.split(/\s+/).length;
    if ((p.label.kind === 'reprint' || p.label.kind === 'rewrite') && words >= 1900 && words <= 2200) return p;
  }
  throw new Error('no 2,000-word reprint page among the first 5,000 generated pages');
}

/** The page as a news site would serve it: chrome around, nested divs, an ad and links inside. */
function articleHtml(gen: CorpusGenerator, g: GeneratedPage): string {
  const paras = g.page.text.split('\n\n');
  const site = gen.sites.find((s) => s.chromeTop.length && g.page.text.startsWith(s.chromeTop.join('\n\n')));
  const top = site ? paras.splice(0, site.chromeTop.length) : [];
  const bottom = site && site.chromeBottom.length ? paras.splice(paras.length - site.chromeBottom.length) : [];
  const body = paras
    .map((p, i) => {
      const words = esc(p).split(' ');
      // A link inside the sentence every few paragraphs, as sites do.
      if (i % 3 === 1 && words.length > 12) words.splice(4, 3, `<a href="/tag/${i}">${words.slice(4, 7).join(' ')}</a>`);
      const ad = i === 4 ? '<div class="ad-slot"><span>Advertisement</span></div>' : '';
      return `${ad}<p>${words.join(' ')}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(g.page.title)}</title>
<style>body{font:18px/1.6 Georgia,serif;margin:0}.wrap{max-width:720px;margin:0 auto;padding:20px}header,footer{background:#eee;padding:10px 20px;font:14px sans-serif}.ad-slot{background:#f3f3f3;padding:30px;text-align:center}</style></head>
<body><header>${top.map((t) => `<div class="chrome">${esc(t)}</div>`).join('')}<nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="wrap"><div id="main"><article class="post"><h1>${esc(g.page.title)}</h1><div class="entry"><div class="entry-content">
${body}
</div></div></article></div></div>
<footer>${bottom.map((t) => `<p>${esc(t)}</p>`).join('')}</footer></body></html>`;
}

interface Sample {
  /** From navigation start to badges drawn. */
  fromNavigation: number;
  /** From DOMContentLoaded (page ready) to badges drawn. */
  fromReady: number;
  /** The content script's own round: policy, extraction, query, drawing. */
  check: number;
  /** Asking the background what to do on this page (settings). */
  policy: number;
  extract: number;
  query: number;
  draw: number;
  badges: number;
}

async function measureLoad(page: Page, url: string): Promise<Sample> {
  await page.goto(url);
  // The content script keeps its marks to itself (the page must not read them): ask it for them.
  let marks: Awaited<ReturnType<typeof readingMarks>> = [];
  await waitUntil(async () => (marks = await readingMarks(page, 'storytrace:badges-drawn')).length > 0, 'the badges', 60_000);
  const ready = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  const mark = marks[0];
  const d = mark.detail as { totalMs: number; policyMs: number; extractMs: number; queryMs: number; drawMs: number; badges: number };
  return {
    fromNavigation: mark.at,
    fromReady: mark.at - ready,
    check: d.totalMs,
    policy: d.policyMs,
    extract: d.extractMs,
    query: d.queryMs,
    draw: d.drawMs,
    badges: d.badges,
  };
}

function table(name: string, samples: Sample[]) {
  const row = (k: keyof Sample) => ({ median_ms: round(median(samples.map((s) => s[k]))), p95_ms: round(p95(samples.map((s) => s[k]))) });
  return {
    name,
    n: samples.length,
    badges: samples[0]?.badges,
    load_to_badges_from_ready: summarize(samples.map((s) => s.fromReady)),
    load_to_badges_from_navigation: summarize(samples.map((s) => s.fromNavigation)),
    check_total: row('check'),
    policy_round_trip: row('policy'),
    extract: row('extract'),
    query_round_trip: row('query'),
    draw: row('draw'),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Main-thread script time (CDP ScriptDuration) of one load of `url`, after it has gone idle. */
async function scriptMs(page: Page, url: string, settleMs = 600): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.waitForTimeout(settleMs);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'storytrace-bench-'));
  try {
    const gen = new CorpusGenerator({ seed: Number(opt.seed) });
    const kept = opt.profile ? keptCorpus(opt.profile) : undefined;
    if (opt.profile && !(kept && kept.stories === STORIES && kept.seed === opt.seed))
      throw new Error(
        `--profile ${opt.profile} holds no corpus of ${STORIES} stories of seed ${opt.seed} (make one with npm run bench:browser -- --profile)`,
      );
    const files: string[] = [];
    if (!kept) {
      process.stderr.write(`Generating ${STORIES} stories…\n`);
      const PER_FILE = 5000;
      for (let f = 0; f * PER_FILE < STORIES; f++) {
        const lines: string[] = [];
        for (let i = f * PER_FILE; i < Math.min(STORIES, (f + 1) * PER_FILE); i++) lines.push(JSON.stringify(gen.story(i).story));
        const file = join(work, `corpus-${f}.jsonl`);
        writeFileSync(file, lines.join('\n') + '\n');
        files.push(file);
      }
    }
    const article = pickArticle(gen);
    const words = article.page.text.split(/\s+/).length;
    const html = articleHtml(gen, article);

    const s = await launchExtension(opt.profile ? { profileDir: opt.profile, extensionDir: prepareKeptProfile(opt.profile) } : {});
    const server = await startStaticServer(PAGES_DIR, { '/bench/article.html': ['text/html; charset=utf-8', html] });
    try {
      let stored = STORIES;
      let importS = NaN;
      if (!kept) {
        const bg = await openBridge((p) => s.openExtensionPage(p));
        process.stderr.write('Importing through the options page…\n');
        const t0 = Date.now();
        stored = await importFiles(s, bg, files, 'Bench corpus', 15 * 60_000);
        importS = (Date.now() - t0) / 1000;
        process.stderr.write(`  ${stored} stories in ${importS.toFixed(1)} s (${Math.round(stored / importS)}/s)\n`);
        await bg.close();
      } else process.stderr.write(`Checking against the ${stored} stories kept in ${opt.profile}.\n`);

      const page = await s.context.newPage();
      // Warm-up: first query after the import (opens the database in the worker).
      await measureLoad(page, `${server.url}/bench/article.html?warmup`);
      const warm: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        // A new URL each time: the background's per-page cache would otherwise answer.
        warm.push(await measureLoad(page, `${server.url}/bench/article.html?run=${i}`));
        process.stderr.write(`\r  warm ${i + 1}/${RUNS}`);
      }
      const cold: Sample[] = [];
      for (let i = 0; i < COLD; i++) {
        await stopServiceWorker(s);
        cold.push(await measureLoad(page, `${server.url}/bench/article.html?cold=${i}`));
        process.stderr.write(`\r  cold ${i + 1}/${COLD}   `);
      }
      process.stderr.write('\n');

      // Non-article page: script time with the extension minus without (same Chromium, same page).
      const notArticle = `${server.url}/not-article/source.html`;
      const withExt: number[] = [];
      const skip: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        withExt.push(await scriptMs(page, `${notArticle}?with=${i}`));
        const [b] = await readingMarks(page, 'storytrace:not-article');
        skip.push(b ? (b.detail as { ms: number }).ms : NaN);
      }
      const plainProfile = mkdtempSync(join(tmpdir(), 'storytrace-plain-'));
      const plain = await chromium.launchPersistentContext(plainProfile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const without: number[] = [];
      const plainPage = await plain.newPage();
      for (let i = 0; i < RUNS; i++) without.push(await scriptMs(plainPage, `${notArticle}?without=${i}`));
      await plain.close();
      rmSync(plainProfile, { recursive: true, force: true });

      const result = {
        date: new Date().toISOString(),
        chromium: s.context.browser()?.version() ?? 'chromium',
        corpus: kept
          ? { stories: stored, kept_profile: opt.profile }
          : { stories: stored, import_s: round(importS), import_per_s: Math.round(stored / importS) },
        article: {
          words,
          paragraphs: html.split('<p>').length - 1,
          kind: article.label.kind,
          reuses: article.label.expect.map((e) => e.id),
        },
        warm_worker: table('warm service worker', warm),
        stopped_worker: table('service worker stopped before each load', cold),
        not_article: {
          script_ms_with_extension: summarize(withExt),
          script_ms_without_extension: summarize(without),
          added_script_ms_median: round(median(withExt) - median(without)),
          article_test_ms: { median_ms: round(median(skip)), p95_ms: round(p95(skip)) },
        },
      };
      mkdirSync(dirname(opt.out!), { recursive: true });
      writeFileSync(opt.out!, JSON.stringify(result, null, 2) + '\n');
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await s.close();
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
