// HTML character references → characters: numeric ones by the HTML rules, common named ones from a
// small table, rare named ones through linkedom's full table (memoized).
import { parseHTML } from 'linkedom';

const ENTITY_REF = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

// The named references news text actually uses; anything else goes to the full table.
const COMMON: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹',
  rsaquo: '›', bull: '•', middot: '·', prime: '′', Prime: '″', copy: '©', reg: '®', trade: '™', deg: '°',
  plusmn: '±', times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ',
  para: '¶', sect: '§', euro: '€', pound: '£', yen: '¥', cent: '¢', dagger: '†', Dagger: '‡', iexcl: '¡',
  iquest: '¿', ordf: 'ª', ordm: 'º', acute: '´', cedil: '¸', uml: '¨', macr: '¯', not: '¬', curren: '¤',
  brvbar: '¦', szlig: 'ß', AElig: 'Æ', aelig: 'æ', OElig: 'Œ', oelig: 'œ', Oslash: 'Ø', oslash: 'ø', ETH: 'Ð',
  eth: 'ð', THORN: 'Þ', thorn: 'þ', Scaron: 'Š', scaron: 'š', Yuml: 'Ÿ', yuml: 'ÿ', fnof: 'ƒ', circ: 'ˆ',
  tilde: '˜', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', minus: '−', le: '≤', ge: '≥', ne: '≠',
  asymp: '≈', infin: '∞', permil: '‰', hearts: '♥', star: '☆',
};
// Accented Latin letters: &eacute; &Ntilde; &ouml; … built from their combining marks.
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a', cedil: '\u0327' };

// Windows-1252 meanings the HTML standard gives numeric references 0x80–0x9F (&#147; is “).
const C1_FIXUP: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const rare = new Map<string, string>();
const RARE_CACHE_MAX = 4096;

/** True when a string contains something that looks like a character reference. */
export function hasEntity(s: string): boolean {
  return s.includes('&') && /&(?:#\d|#[xX][0-9a-fA-F]|[a-zA-Z][a-zA-Z0-9]{1,31};)/.test(s);
}

/** Decodes character references (with their semicolon); unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY_REF, (ref, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name === undefined) return fromCodePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16));
    return COMMON[name] ?? accented(name) ?? rareEntity(ref);
  });
}

function fromCodePoint(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(C1_FIXUP[cp] ?? cp);
}

function accented(name: string): string | undefined {
  const m = /^([a-zA-Z])(acute|grave|circ|tilde|uml|ring|cedil)$/.exec(name);
  if (!m) return undefined;
  const composed = (m[1] + ACCENTS[m[2]]).normalize('NFC');
  return composed.length === 1 ? composed : undefined;
}

/** Names outside the small table: ask linkedom's HTML parser once per name. */
function rareEntity(ref: string): string {
  const known = rare.get(ref);
  if (known !== undefined) return known;
  let decoded = ref;
  try {
    const { document } = parseHTML(`<!doctype html><html><head></head><body>${ref}</body></html>`);
    decoded = document.body?.textContent ?? ref;
  } catch {
    // keep the reference as written
  }
  if (rare.size < RARE_CACHE_MAX) rare.set(ref, decoded);
  return decoded;
}
