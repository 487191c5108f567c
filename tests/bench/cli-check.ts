// `storytrace check --corpus` against its floor (tests/bench/cli-floor.ts: read, parse, tokenize and
// hash the corpus, keeping its stories), each in its own process, alternated run by run so the
// shared machine's drift hits both alike. Wall time and peak RSS come from /usr/bin/time.
//
//   tsx tests/bench/cli-check.ts --stories 50000 [--pages 100] [--runs 2] [--dir DIR] [--json]
//   tsx tests/bench/cli-check.ts --corpus c.jsonl --pages-file pages.jsonl [--baseline DIR]
//
// --baseline DIR also runs DIR's storytrace (another checkout, e.g. `git archive` of an older commit)
// in the same rounds, for an A/B on the same minutes. "The text" is the UTF-8 bytes of titles + texts.
//
// Without --corpus, a corpus of --stories (seed 7) and its pages are generated into --dir (kept
// there for the next run; default a folder under the system's temp dir).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats';

interface Args {
  corpus: string[];
  pagesFile?: string;
  stories: number;
  pages: number;
  runs: number;
  dir: string;
  json: boolean;
  baseline?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { corpus: [], stories: 50_000, pages: 100, runs: 2, dir: '', json: false };
  for (let i = 0; i < argv.length; i++) {
    const v = () => argv[++i] ?? '';
    const arg = argv[i];
    if (arg === '--corpus') a.corpus.push(v());
    else if (arg === '--pages-file') a.pagesFile = v();
    else if (arg === '--stories') a.stories = Number(v());
    else if (arg === '--pages') a.pages = Number(v());
    else if (arg === '--runs') a.runs = Number(v());
    else if (arg === '--dir') a.dir = v();
    else if (arg === '--json') a.json = true;
    else if (arg === '--baseline') a.baseline = v();
    else throw new Error(`unknown option ${arg}`);
  }
  a.dir ||= join(tmpdir(), `storytrace-cli-bench-${a.stories}`);
  return a;
}

interface Run {
  wallS: number;
  rssMb: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time; stdout kept (the floor's report) or discarded (the check's). */
function timed(cmd: string[], keepStdout: boolean): Run {
  const timeFile = join(tmpdir(), `storytrace-time-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, ...cmd], {
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited with ${r.status}`);
  const [wall, rssKb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  rmSync(timeFile, { force: true });
  return { wallS: wall, rssMb: rssKb / 1024, stdout: keepStdout ? r.stdout : '' };
}

const a = parseArgs(process.argv.slice(2));
const tsx = join('node_modules', '.bin', 'tsx');
if (a.corpus.length === 0) {
  const corpus = join(a.dir, 'corpus.jsonl');
  const pages = join(a.dir, 'pages.jsonl');
  if (!existsSync(pages)) {
    mkdirSync(a.dir, { recursive: true });
    execFileSync(tsx, ['tests/bench/generate-corpus.ts', '--stories', String(a.stories), '--seed', '7', '--out', corpus, '--pages', String(a.pages), '--pages-out', pages], { stdio: 'inherit' });
  }
  a.corpus.push(corpus);
  a.pagesFile = pages;
}
if (!a.pagesFile) throw new Error('--corpus needs --pages-file');

const floor: Run[] = [];
const check: Run[] = [];
const base: Run[] = [];
let report = { stories: 0, chars: 0, bytes: 0, words: 0, ms: 0 };
const checkArgs = ['check', ...a.corpus.flatMap((c) => ['--corpus', c]), '--pages', a.pagesFile];
for (let i = 0; i < a.runs; i++) {
  const f = timed([tsx, 'tests/bench/cli-floor.ts', ...a.corpus], true);
  report = JSON.parse(f.stdout);
  floor.push(f);
  check.push(timed(['node', 'bin/storytrace.mjs', ...checkArgs], false));
  if (a.baseline) base.push(timed(['node', join(a.baseline, 'bin/storytrace.mjs'), ...checkArgs], false));
}
const textMb = report.bytes / 2 ** 20;
const rows = [
  { what: 'floor: read + parse + tokenize + hash', runs: floor },
  { what: 'storytrace check --corpus', runs: check },
  ...(a.baseline ? [{ what: `baseline: ${a.baseline}`, runs: base }] : []),
].map(({ what, runs }) => ({
  what,
  corpus_stories: report.stories,
  text_mb: Math.round(textMb * 10) / 10,
  wall_s: median(runs.map((r) => r.wallS)),
  wall_s_runs: runs.map((r) => r.wallS),
  peak_rss_mb: Math.round(median(runs.map((r) => r.rssMb))),
  rss_to_text: Math.round((median(runs.map((r) => r.rssMb)) / textMb) * 100) / 100,
}));
const ratio = Math.round((rows[1].wall_s / rows[0].wall_s) * 100) / 100;
if (a.json) for (const r of rows) console.log(JSON.stringify({ ...r, ratio_to_floor: Math.round((r.wall_s / rows[0].wall_s) * 100) / 100 }));
else {
  console.log(`${report.stories} stories, ${textMb.toFixed(1)} MB of text (UTF-8), ${a.runs} alternated runs each`);
  for (const r of rows) console.log(`${r.what.padEnd(42)} ${r.wall_s.toFixed(1).padStart(7)} s  [${r.wall_s_runs.join(', ')}]  peak RSS ${r.peak_rss_mb} MB (${r.rss_to_text}× the text)`);
  console.log(`check ÷ floor: ${ratio}×` + (a.baseline ? `; baseline ÷ floor: ${Math.round((rows[2].wall_s / rows[0].wall_s) * 100) / 100}×` : ''));
}
