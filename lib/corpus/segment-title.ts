// Line-shape tests for segmentation: headline candidates, prose paragraphs, topic terms, derived titles.
import { countWords, endsSentence } from './chrome';

/** Abbreviations whose period does not end a sentence ("Mrs. May", "U.S. Navy"). */
const ABBREVIATION =
  /(?:^|[\s(])(?:mr|mrs|ms|dr|prof|gen|sen|rep|gov|col|lt|st|jr|sr|inc|corp|ltd|co|no|vs|etc|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|sra|д|г|ул|им|т|св)\.$/iu;

/** True when a sentence boundary sits inside the line (". Next", "? Next"): headlines are one sentence. */
export function hasInnerSentence(s: string): boolean {
  const re = /[.!?…]["”’»)]*\s+(?=["“‘«(]?\p{Lu})/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const before = s.slice(Math.max(0, m.index - 12), m.index + 1);
    if (ABBREVIATION.test(before) || /(?:^|\s)(?:\p{Lu}\.)+$/u.test(before) || /(?:^|\s)\p{Lu}\.$/u.test(before)) continue;
    return true;
  }
  return false;
}

/**
 * Could this line be a headline? One sentence, 1–30 words, at most 200 characters, not starting with a
 * lower-case letter or a list/dialogue mark, and not ending in a sentence or clause mark (., :, ;, ,)
 * — except an abbreviation ("... in U.S."). Question and exclamation headlines pass; callers weigh them.
 */
export function isTitleCandidate(s: string): boolean {
  if (s.length < 2 || s.length > 200) return false;
  const words = countWords(s, 30);
  if (words < 1 || words > 30) return false;
  if (/^\p{Ll}/u.test(s) || /^[-–—•*>]/u.test(s)) return false;
  const core = s.replace(/["”’'»)\]]+$/u, '');
  if (/[,;:]$/u.test(core)) return false;
  if (/[.…]$/u.test(core) && !/(?:^|\s)(?:\p{Lu}\.){2,}$/u.test(core) && !ABBREVIATION.test(core)) return false;
  return !hasInnerSentence(s);
}

/** Ends in a question or exclamation mark: such lines are titles only with structural evidence. */
export function isQuestionOrExclamation(s: string): boolean {
  return /[?!]["”’'»)\]]*$/u.test(s);
}

/**
 * Headline attribution shapes: "… — Russian MFA", "… – Bloomberg", "… | Reuters", "…, says governor",
 * or a kicker "Exclusive: …". Subheadings inside a story do not carry these.
 */
export function hasHeadlineMarks(s: string): boolean {
  if (
    /\s[—–|]\s*\p{L}[\p{L}\p{N} .'’&-]{1,40}$/u.test(s) &&
    countWords(s.slice(Math.max(s.lastIndexOf('—'), s.lastIndexOf('–'), s.lastIndexOf('|')))) <= 4
  )
    return true;
  if (
    /,\s*(?:says?|said|claims?|reports?|warns?|dice|afirma|asegura|advierte|заявил\p{L}*|сообщил\p{L}*|считает)\s+[\p{L} .'’-]{2,40}$/iu.test(
      s,
    )
  )
    return true;
  return /^(?:exclusive|breaking|update|analysis|opinion|watch|exclusiva|última hora|эксклюзив|срочно)\s*:/iu.test(s);
}

/** Commas outside a trailing ", says X" attribution. */
export function commaCount(s: string): number {
  const core = s.replace(/,\s*(?:says?|said|claims?|reports?|warns?|dice|afirma|заявил\p{L}*|сообщил\p{L}*)\s+[^,]{2,40}$/iu, '');
  return (core.match(/,/gu) ?? []).length;
}

/** A body paragraph rather than a label: enough words, or a short complete sentence. */
export function isProse(s: string): boolean {
  const w = countWords(s, 12);
  return w >= 12 || (w >= 4 && endsSentence(s));
}

// Function words of English, Spanish and Russian, left out of the topic terms.
const STOP = new Set(
  (
    'about above after again against also among another because been before being below between both but ' +
    'could does doing down during each even every from further have having here however into itself just ' +
    'least less made make many more most much must next once only other over said same says should since ' +
    'some such than that their them then there these they this those though through under until upon very ' +
    'were what when where which while whom whose will with within without would year years your also ' +
    'para pero como cuando donde desde hasta entre sobre porque según este esta estos estas ellos ellas ' +
    'había habían fueron sido será tiene tienen también todo todos otra otro otros muy más menos dijo ' +
    'который которая которые чтобы когда если также были было будет этого этот эта эти того тому только ' +
    'более может может после перед между через однако заявил сказал'
  ).split(/\s+/u),
);

/** Content words (4+ letters, not function words), lower-cased: the vocabulary of a topic. */
export function topicTerms(s: string, into: Set<string> = new Set()): Set<string> {
  for (const m of s.toLowerCase().matchAll(/[\p{L}\p{N}]{4,}/gu)) if (!STOP.has(m[0])) into.add(m[0]);
  return into;
}

/** A title made from the first sentence of a story that has none, cut to about 100 characters. */
export function deriveTitle(firstParagraph: string): string {
  const s = firstParagraph.slice(0, 2000).replace(/\s+/gu, ' ').trim();
  let end = s.length;
  const re = /[.!?…](?=["”’»)]*\s+["“‘«(]?\p{Lu})/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index < 20 || ABBREVIATION.test(s.slice(Math.max(0, m.index - 12), m.index + 1))) continue;
    end = m.index + (m[0] === '.' ? 0 : 1);
    break;
  }
  let t = s.slice(0, end).trim();
  if (t.length > 100) {
    const cut = t.lastIndexOf(' ', 100);
    t = t.slice(0, cut > 40 ? cut : 100).replace(/[\s,;:–—-]+$/u, '') + '…';
  }
  return t;
}

const AGENCY =
  'Reuters|AP|AFP|Bloomberg|Sputnik|TASS|EFE|dpa|Xinhua|UPI|ANSA|Interfax|RIA Novosti|Europa Press|Kyodo|Yonhap|' +
  'ТАСС|РИА Новости|Интерфакс|ПРАЙМ|Прайм';
const PLACE = "\\p{Lu}[\\p{Lu}\\p{M}.'’-]*(?:[ /]\\p{Lu}[\\p{Lu}\\p{M}.'’-]*){0,3}";
const DATELINE_AGENCY = new RegExp(`^${PLACE}(?:,[^()\\n]{1,60}?)?\\s*\\((${AGENCY})\\)\\s*[-–—]`, 'u');
const DATELINE_SLASH = new RegExp(`^${PLACE},[^/\\n]{1,40}?/\\s*(${AGENCY})\\s*/`, 'u');
const DATELINE_PLAIN = new RegExp(`^${PLACE}(?:,[^\\n]{1,40}?)?\\s+[-–—]\\s+\\p{Lu}`, 'u');

/**
 * The dateline opening a wire paragraph: "BROOMFIELD, Colorado, April 21 (Reuters) -",
 * "МОСКВА, 22 апреля. /ТАСС/.", "WASHINGTON — ...". Returns the agency named ('' when none), or
 * undefined when the paragraph has no dateline. A dateline marks the first paragraph of a story.
 */
export function datelineAgency(s: string): string | undefined {
  const head = s.slice(0, 120);
  const m = DATELINE_AGENCY.exec(head) ?? DATELINE_SLASH.exec(head);
  if (m) return m[1];
  const p = DATELINE_PLAIN.exec(head);
  // The place must be written in capitals ("WASHINGTON"), not merely capitalised ("Washington").
  return p && /^\p{Lu}{3,}/u.test(head) ? '' : undefined;
}
