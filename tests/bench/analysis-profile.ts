// Where analyseStory (the import's client CPU) spends its time: each step timed alone on 600
// generated stories after 200 warm-up ones, ms a story.   npx tsx tests/bench/analysis-profile.ts
import { analyseStory } from '../../lib/match/analyse';
import { tokenize } from '../../lib/text/normalize';
import { fingerprintSet, hashWords, shingleHashes } from '../../lib/match/fingerprint';
import { minhashSignature } from '../../lib/match/signature';
import { extractTerms } from '../../lib/match/terms';
import { anchorTerms } from '../../lib/translation/anchor-terms';
import { CorpusGenerator } from './generate-corpus';
const g = new CorpusGenerator({ seed: 1 });
const stories = [...g.stories(800)].map((s) => s.story);
for (const s of stories.slice(0, 200)) analyseStory(s); // warm
const S = stories.slice(200);
const t = { tokenize: 0, hashWords: 0, fingerprints: 0, signature: 0, terms: 0, anchors: 0, whole: 0 };
for (const s of S) {
  let a = performance.now(); const tok = tokenize(s.text); let b = performance.now(); t.tokenize += b - a;
  a = b; const wh = hashWords(tok.words); b = performance.now(); t.hashWords += b - a;
  a = b; fingerprintSet(wh); b = performance.now(); t.fingerprints += b - a;
  a = b; minhashSignature(shingleHashes(wh)); b = performance.now(); t.signature += b - a;
  a = b; extractTerms(s.title, s.text, tok); b = performance.now(); t.terms += b - a;
  a = b; anchorTerms(s.title, s.text); b = performance.now(); t.anchors += b - a;
  a = b; analyseStory(s); b = performance.now(); t.whole += b - a;
}
for (const [k, v] of Object.entries(t)) console.log(k, (v / S.length).toFixed(3), 'ms/story');
