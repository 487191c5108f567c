// The floor `storytrace check --corpus` is measured against (tests/bench/cli-check.ts): what any
// check of these pages must do at least, read every corpus file (as the CLI reads it), parse it into stories, tokenize and
// hash every story's words, keeping the stories (their text) in memory as a check must. Prints one
// JSON line: stories, characters and UTF-8 bytes of title + text, and this process's own time.
import type { Story } from '../../lib/corpus/story';
import { listFiles, parseCorpusFile } from '../../lib/cli/load-corpus';
import { hashWords } from '../../lib/match/fingerprint';
import { tokenize } from '../../lib/text/normalize';

const started = performance.now();
const kept: Story[] = [];
let chars = 0;
let bytes = 0;
let words = 0;
for (const path of process.argv.slice(2)) {
  for (const file of await listFiles(path)) {
    for await (const { stories } of parseCorpusFile(file))
      for (const s of stories) {
        words += hashWords(tokenize(s.text).words).length;
        chars += s.title.length + s.text.length;
        bytes += Buffer.byteLength(s.title) + Buffer.byteLength(s.text);
        kept.push(s);
      }
  }
}
process.stdout.write(JSON.stringify({ stories: kept.length, chars, bytes, words, ms: Math.round(performance.now() - started) }) + '\n');
