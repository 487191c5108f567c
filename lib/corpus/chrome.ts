// Site chrome and boilerplate detection for scraped text: navigation, prompts, widgets, credits, junk.
//
// Two layers: `chromeKind` judges one line on its own (known phrases in English, Spanish and Russian,
// plus shapes such as view counts, "©" credits and image ids), `structuralChrome` judges lines by
// their place in the page (a short line repeated all over the page, a run of menu-like short lines).
// `cleanParagraph` removes chrome glued onto a real paragraph without dropping the paragraph.
import { countWords } from './segment-words';

/** Why a line is chrome. `end` marks the end of a story body (read-more links, comment widgets). */
export type ChromeKind = 'nav' | 'ad' | 'prompt' | 'cookie' | 'end' | 'credit' | 'caption' | 'count' | 'meta' | 'junk' | 'repeat';

/** Unicode-aware word boundaries: `\b` in JS regexes only knows ASCII letters. */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const re = (src: string): RegExp => new RegExp(src, 'iu');

const EDGE = /[\s\p{P}\p{S}]/u;
const isEdge = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  if (c < 128) return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
  return EDGE.test(ch);
};

/** Lower-cased, apostrophes and spaces folded, surrounding punctuation and symbols dropped. */
export function chromeKey(line: string): string {
  let s = line;
  // NFKC only where compatibility characters can occur (ligatures, full-width forms, letterlike symbols).
  if (/[\u2100-\uffff]/u.test(s)) s = s.normalize('NFKC');
  if (/[’‘`´]/u.test(s)) s = s.replace(/[’‘`´]/gu, "'");
  s = s.toLowerCase();
  if (/\s\s|[\t\n\r]/u.test(s)) s = s.replace(/\s+/gu, ' ');
  let a = 0;
  let b = s.length;
  while (a < b && isEdge(s[a])) a++;
  while (b > a && isEdge(s[b - 1])) b--;
  return s.slice(a, b);
}

export { countWords };

// Whole lines that are chrome whatever the site (compared after chromeKey).
const EXACT = new Map<string, ChromeKind>();
const addExact = (kind: ChromeKind, phrases: string): void => {
  for (const p of phrases.split('|')) EXACT.set(p.trim(), kind);
};
// Lines that close a story: after them, the page moves on to widgets, teasers or the next story.
addExact(
  'end',
  'continue reading|read more|read full story|read the full story|read full article|read the full article|' +
    'keep reading|more|view more|see more|show more|load more|you may also like|you might also like|' +
    'you may be interested in|related|related articles|related stories|related posts|related news|' +
    'related content|related topics|more stories|more news|recommended|recommended for you|also read|see also|' +
    'click to comment|leave a reply|leave a comment|comments|view all comments|view comments|inline feedbacks|' +
    'show comments|add comment|add a comment|post a comment|join the discussion|join the conversation|' +
    'most read|most popular|most viewed|trending|trending now|popular|popular posts|' +
    // Spanish
    'seguir leyendo|sigue leyendo|continuar leyendo|leer más|lee más|ver más|cargar más|te puede interesar|' +
    'también te puede interesar|te recomendamos|noticias relacionadas|relacionados|artículos relacionados|' +
    'comentarios|deja un comentario|deja tu comentario|lo más leído|lo más visto|más noticias|' +
    // Russian
    'читать далее|читать дальше|читать полностью|читать еще|читать ещё|подробнее|читайте также|' +
    'смотрите также|см. также|еще новости|ещё новости|другие новости|похожие новости|по теме|комментарии|' +
    'оставить комментарий|добавить комментарий|популярное|самое читаемое|самое популярное|новости партнеров|' +
    'рекомендуем',
);
addExact(
  'nav',
  "latest|latest news|news|analysis|staff picks|editors picks|editor's picks|top stories|home|menu|search|" +
    'skip to content|skip to main content|back to top|connect with us|follow us|share|share this|' +
    'share this article|share this story|share on facebook|share on twitter|share on x|share on whatsapp|' +
    'share on telegram|tweet|email|e-mail|print|copy link|link copied|image|image default|photo|video|watch|' +
    'listen|listen to this article|subscribe|sign up|sign in|log in|login|logout|log out|register|avatar|' +
    'notify of|oldest|newest|most voted|close|ok|accept|accept all|reject all|cookie settings|manage cookies|' +
    'breaking news|live|top|next|previous|next article|previous article|prev|' +
    'inicio|portada|noticias|últimas noticias|lo último|buscar|menú|compartir|compartir en facebook|' +
    'compartir en twitter|suscríbete|regístrate|iniciar sesión|cerrar|aceptar|síguenos|siguiente|anterior|' +
    'главная|новости|последние новости|поиск|меню|поделиться|подписаться|войти|регистрация|закрыть|принять|' +
    'следующая|предыдущая',
);
addExact(
  'ad',
  'advertisement|advertising|ad|ads|sponsored|sponsored content|promoted|paid content|partner content|' +
    'scroll to continue|scroll to continue reading|advertisement scroll to continue|' +
    'publicidad|anuncio|contenido patrocinado|реклама|на правах рекламы|партнерский материал',
);
addExact(
  'prompt',
  'quick donate|donate|donate now|support us|newsletter|subscribe now|subscribe to our newsletter|' +
    'sign up for our newsletter|become a patron|dona|donar|apóyanos|suscríbete ahora|поддержать|' +
    'поддержать проект|подпишитесь',
);
addExact(
  'meta',
  'published|posted|updated|on|by|written by|author|date|publicado|actualizado|por|fecha|автор|опубликовано|' + 'обновлено|дата|текст',
);

// Section names seen in menus and breadcrumbs ("News Politics"): a line made only of these is menu.
const SECTION_WORDS = new Set(
  (
    'news latest analysis politics world economy business markets sport sports culture opinion opinions ' +
    'video videos photos photo home society science tech technology health entertainment lifestyle ' +
    'featured popular live podcasts podcast columns editorials features investigations interviews military ' +
    'defense defence environment travel education local national international breaking top stories ' +
    'noticias política politica mundo economía economia deportes cultura opinión opinion sociedad ' +
    'internacional nacional análisis analisis portada inicio ciencia tecnología salud ' +
    'новости политика мир экономика общество спорт культура мнения аналитика главное видео фото главная ' +
    'происшествия наука технологии здоровье'
  ).split(/\s+/u),
);

interface Rule {
  kind: ChromeKind;
  /** Lower-case fragments one of which the line must contain before `test` runs (keeps pages fast). */
  pre: readonly string[] | RegExp;
  test: RegExp;
  /** The rule only applies to lines of at most this many words (a real paragraph is never dropped). */
  maxWords: number;
}

const DIGIT = /\d/u;

const RULES: Rule[] = [
  // Photo credits and image sources.
  { kind: 'credit', pre: ['©', '(c)'], test: /^\s*(?:©|\(c\)\s)/iu, maxWords: 20 },
  {
    kind: 'credit',
    pre: ['photo', 'picture', 'image', 'illustration', 'credit', 'foto', 'imagen', 'crédito', 'фото', 'иллюстрация', 'изображение'],
    test: re(
      '^(?:photo|photos|photograph|picture|image|images|illustration|credit|photo credit|foto|fotos|imagen|' +
        'crédito|фото|фотография|иллюстрация|источник фото|изображение)\\s*(?::|©|—|–|-|/|by' +
        E +
        '|de' +
        E +
        ')',
    ),
    maxWords: 20,
  },
  {
    kind: 'credit',
    pre: [
      'getty',
      'shutterstock',
      'depositphotos',
      'unsplash',
      'reuters',
      'ap photo',
      'afp',
      'epa',
      'tass',
      'ria novosti',
      'sputnik',
      'global',
      'риа',
      'тасс',
    ],
    test: re(
      '^(?:getty images|shutterstock|depositphotos|unsplash|reuters|ap photo|afp|epa|tass|ria novosti|' +
        'sputnik|globallookpress|global look press|риа новости|тасс)(?:\\s*(?:/|via|—|–|-).*)?$',
    ),
    maxWords: 10,
  },
  // Captions ending in an agency/photographer credit: "... April 29, 2016. REUTERS/Lucas Jackson."
  {
    kind: 'caption',
    pre: ['/'],
    test: /(?:REUTERS|Reuters|AP Photo|AFP|EPA(?:-EFE)?|Getty Images|TASS|Sputnik|RIA Novosti|Xinhua|Anadolu(?: Agency)?|Bloomberg|dpa|AP)\s*\/\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,4}(?:\s*\/\s*(?:File(?: Photo)?|Pool|Handout)(?: Photo)?)?\.?\s*$/u,
    maxWords: 80,
  },
  {
    kind: 'caption',
    pre: ['photo', 'foto', 'фото', 'image', 'credit', 'imagen'],
    test: re('\\((?:photo|foto|фото|image|credit|imagen)' + E + '[^()]{0,150}\\)\\.?$'),
    maxWords: 80,
  },
  { kind: 'caption', pre: ['licensing rights'], test: re('(?:purchase|acquire) licensing rights'), maxWords: 80 },
  // Counts: "1,698 Views", "12 comments", "5 min read".
  {
    kind: 'count',
    pre: DIGIT,
    test: re(
      '^[\\d.,\\s]*\\d\\s*(?:k|m|тыс\\.?)?\\s*(?:views?|reads?|shares?|comments?|likes?|replies|responses|' +
        'просмотр\\p{L}*|комментари\\p{L}*|visitas|vistas|lecturas|comentarios?)$',
    ),
    maxWords: 6,
  },
  {
    kind: 'count',
    pre: DIGIT,
    test: re('^(?:views|просмотры|visitas|comments|comentarios|комментарии)\\s*:?\\s*[\\d.,\\s]+$'),
    maxWords: 6,
  },
  {
    kind: 'count',
    pre: DIGIT,
    test: re('^\\d+\\s*(?:min|mins|minutes?|мин\\.?|минут\\p{L}*|minutos?)\\s*(?:read|de lectura|чтения|на чтение)?$'),
    maxWords: 6,
  },
  // Support, donation, Patreon, newsletter and follow prompts.
  { kind: 'end', pre: ['support'], test: re(B + 'take a (?:second|moment|minute) to support' + E), maxWords: 25 },
  { kind: 'prompt', pre: ['patreon'], test: re(B + 'patreon' + E), maxWords: 25 },
  {
    kind: 'prompt',
    pre: ['click here'],
    test: re(B + 'click here to (?:support|subscribe|donate|sign up|join|follow)' + E),
    maxWords: 20,
  },
  {
    kind: 'prompt',
    pre: ['donation', 'support', 'contribution', 'gift'],
    test: re(B + '(?:your|every) (?:donations?|support|contributions?|gift) (?:makes?|helps?|keeps?|allows?|enables?)' + E),
    maxWords: 40,
  },
  {
    kind: 'prompt',
    pre: ['donat'],
    test: re(B + 'donat(?:e|ion|ions|ing)' + E + '.*' + B + '(?:quick|now|today|amount|button|here|paypal|spot|usd|eur)' + E),
    maxWords: 12,
  },
  { kind: 'prompt', pre: ['donat'], test: re(B + '(?:amount|quick|now|today|please) (?:to )?donat(?:e|ion)' + E), maxWords: 12 },
  {
    kind: 'prompt',
    pre: ['paypal', 'payment information'],
    test: re(B + '(?:paypal|validating payment information)' + E),
    maxWords: 10,
  },
  { kind: 'prompt', pre: ['newsletter', 'mailing list'], test: re(B + '(?:newsletter|mailing list)' + E), maxWords: 8 },
  {
    kind: 'prompt',
    pre: ['sign up', 'subscribe', 'join', 'follow'],
    test: re(
      B +
        '(?:sign up|subscribe|join|follow)' +
        E +
        '.{0,60}' +
        B +
        '(?:newsletter|mailing list|youtube|telegram|channel|podcast|twitter|facebook|instagram|tiktok|rumble|' +
        'substack|updates|notifications)' +
        E,
    ),
    maxWords: 14,
  },
  { kind: 'prompt', pre: ['follow', 'like'], test: re('^(?:please )?(?:follow|like) (?:us|me)' + E), maxWords: 10 },
  {
    kind: 'prompt',
    pre: ['log', 'sign in', 'register'],
    test: re('^(?:please )?(?:log ?in|sign in|register) to (?:comment|reply|continue|read)'),
    maxWords: 10,
  },
  {
    kind: 'prompt',
    pre: ['suscr', 'sígu', 'sigu', 'únete', 'apóy', 'apoy', 'bolet'],
    test: re(B + '(?:suscríbete|suscribete|síguenos|siguenos|únete a|apóyanos|apoyanos|boletín|boletin)' + E),
    maxWords: 14,
  },
  { kind: 'prompt', pre: ['donaci'], test: re(B + '(?:haz una|hacer una|realiza una) donaci[oó]n' + E), maxWords: 20 },
  {
    kind: 'prompt',
    pre: ['подпис', 'присоедин', 'поддерж', 'пожертв', 'задонат', 'рассылк', 'канал', 'телеграм'],
    test: re(
      B +
        '(?:подписывайтесь|подпишитесь|подписаться|присоединяйтесь|поддержите|поддержать проект|пожертвова\\p{L}*|' +
        'задонатить|рассылк\\p{L}*|наш канал|нашем канале|наш телеграм)' +
        E,
    ),
    maxWords: 14,
  },
  // Cookie and consent notices: a cookie word addressed to the reader.
  {
    kind: 'cookie',
    pre: ['cookie', 'куки'],
    test: re(
      '^(?=.*' +
        B +
        '(?:cookies?|куки|файл\\p{L}* cookie)' +
        E +
        ')(?=.*' +
        B +
        '(?:we|our|us|you|your|this (?:web)?site|nuestr[oa]s?|utilizamos|usamos|aceptas?|este sitio|мы|наш\\p{L}*|вы|ваш\\p{L}*|этот сайт|сайт)' +
        E +
        ')',
    ),
    maxWords: 80,
  },
  {
    kind: 'cookie',
    pre: ['privacy policy', 'terms of', 'privacidad', 'конфиденциальности'],
    test: re(B + '(?:privacy policy|terms of (?:use|service)|política de privacidad|политика конфиденциальности)' + E),
    maxWords: 8,
  },
  // Copyright footers.
  {
    kind: 'junk',
    pre: ['rights reserved', 'derechos reservados', 'права защищены'],
    test: re(B + '(?:all rights reserved|todos los derechos reservados|все права защищены)' + E),
    maxWords: 30,
  },
  { kind: 'junk', pre: ['copyright'], test: /^copyright\b/iu, maxWords: 25 },
  // Read-more links carrying a headline: "Read more: ...", "READ ALSO: ...", "Читайте также: ...".
  {
    kind: 'end',
    pre: ['read ', 'see also', 'related', 'lee también', 'lea también', 'te puede', 'читайте', 'смотрите', 'по теме'],
    test: re(
      '^(?:read (?:more|also)|see also|related|lee también|lea también|te puede interesar|читайте также|смотрите также|по теме)\\s*[:›»>|-]',
    ),
    maxWords: 30,
  },
  // Wire-copy trailers and tag lists: "Reporting by X; Editing by Y", "Tags: a, b".
  {
    kind: 'credit',
    pre: ['reporting by', 'writing by', 'editing by', 'compiled by', 'trust principles'],
    test: re('^\\(?(?:(?:additional )?reporting|writing|editing|compiled) by' + E + '|^our standards:'),
    maxWords: 40,
  },
  {
    kind: 'junk',
    pre: ['tags', 'topics', 'etiquetas', 'теги', 'темы', 'temas'],
    test: re('^(?:tags|topics|etiquetas|temas|теги|темы)\\s*:'),
    maxWords: 25,
  },
  // Relative times of widgets: "5 minutes ago", "hace 2 horas", "3 часа назад".
  {
    kind: 'count',
    pre: DIGIT,
    test: re(
      '^(?:(?:last )?updated:?\\s+|actualizado\\s+|обновлено\\s+)?(?:\\d+\\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\\s+ago|' +
        'hace\\s+\\d+\\s+(?:segundos?|minutos?|horas?|días?|semanas?)|\\d+\\s+(?:секунд\\p{L}*|минут\\p{L}*|час\\p{L}*|дн\\p{L}*|дней|недел\\p{L}*)\\s+назад)$',
    ),
    maxWords: 6,
  },
  { kind: 'prompt', pre: ['app'], test: re('^(?:download|get|install) (?:our|the) (?:free )?app' + E), maxWords: 14 },
  // A lone social handle, URL, e-mail address, file name or image id.
  { kind: 'junk', pre: ['@'], test: /^@[\p{L}\p{N}_.]{2,}$/u, maxWords: 2 },
  { kind: 'junk', pre: ['http', 'www.'], test: /^(?:https?:\/\/|www\.)\S+$/iu, maxWords: 40 },
  { kind: 'junk', pre: ['@'], test: /^[\w.+-]+@[\w-]+\.[\w.-]+$/u, maxWords: 6 },
  { kind: 'junk', pre: /\.(?:jpe?g|png|gif|webp|svg|avif|mp4)$/iu, test: /^[\w-]+\.(?:jpe?g|png|gif|webp|svg|avif|mp4)$/iu, maxWords: 6 },
  { kind: 'junk', pre: DIGIT, test: /^(?:[a-z]{0,4}\d{2,5}x\d{2,5}|\d{6,})(?:\s+\d{1,4})*$/iu, maxWords: 6 },
];

const MAX_RULE_WORDS = Math.max(...RULES.map((r) => r.maxWords));

// One scan for the fragments of every rule that can apply to a line of that length: most lines contain
// none and skip the rule list at once. TRIGGERS[m] covers the rules allowing at least m words.
const escapeRe = (f: string): string => f.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
const TRIGGERS = new Map<number, RegExp>();
for (const m of new Set(RULES.map((r) => r.maxWords))) {
  const fragments = RULES.filter((r) => r.maxWords >= m).flatMap((r) => (Array.isArray(r.pre) ? (r.pre as string[]) : []));
  TRIGGERS.set(m, new RegExp([...new Set(fragments)].map(escapeRe).join('|'), 'i'));
}
const TRIGGER_SIZES = [...TRIGGERS.keys()].sort((a, b) => a - b);
const triggerFor = (words: number): RegExp => TRIGGERS.get(TRIGGER_SIZES.find((m) => m >= words)!)!;
const REGEX_RULES = RULES.filter((r) => r.pre instanceof RegExp);
const REGEX_PRE = [...new Set(REGEX_RULES.map((r) => r.pre as RegExp))];
const REGEX_PRE_MAX_WORDS = Math.max(...REGEX_RULES.map((r) => r.maxWords));

/**
 * Classifies one line (already trimmed) as chrome, or returns undefined for content.
 * Conservative: every content-looking rule is capped by a word count so real paragraphs survive.
 * `key` may pass a precomputed `chromeKey(line)`.
 */
export function chromeKind(line: string, key?: string): ChromeKind | undefined {
  const s = line.trim();
  if (!s || !/\p{L}/u.test(s)) return 'junk';
  const words = countWords(s, MAX_RULE_WORDS);
  if (words > MAX_RULE_WORDS) return undefined;
  if (words <= 8) {
    const k = key ?? chromeKey(s);
    const exact = EXACT.get(k);
    if (exact) return exact;
    if (words <= 3 && k.split(' ').every((w) => SECTION_WORDS.has(w))) return 'nav';
  }
  // Case-insensitive scan of the line itself: no lower-cased copy unless some fragment is present.
  const triggered = triggerFor(words).test(s);
  // Rules with a regex pre-test (counts, image ids, file names) only take lines of a few words.
  const regexPre = words <= REGEX_PRE_MAX_WORDS && REGEX_PRE.some((p) => p.test(s));
  if (!triggered && !regexPre) return undefined;
  const lower = s.toLowerCase();
  for (const r of RULES) {
    if (words > r.maxWords) continue;
    const pre = r.pre;
    if (pre instanceof RegExp ? !pre.test(s) : !triggered || !pre.some((p) => lower.includes(p))) continue;
    if (r.test.test(s)) return r.kind;
  }
  return undefined;
}

/** True when the line is chrome by its own content (see `chromeKind`). */
export function isChromeLine(line: string): boolean {
  return chromeKind(line) !== undefined;
}

// Inline chrome glued to the start of a real paragraph.
const LEADING_AD = re(
  '^(?:(?:advertisement|advertising|publicidad|anuncio|реклама)\\s*[·•|]\\s*(?:scroll to continue(?: reading)?|' +
    'sigue leyendo|continúa leyendo|продолжение ниже)?|scroll to continue(?: reading)?)\\s*[·•|:]?\\s+(?=\\S)',
);
// Image ids glued to the first word: "inx960x640 4In November", "235830721 1In turn", "inx960x640 1 2After".
const LEADING_IMAGE_ID = /^(?:[a-z]{0,4}\d{2,5}x\d{2,5}|\d{6,})(?:\s+\d{1,4})*\s+\d{1,4}(?=[\p{Lu}«"“‘'(])/u;
const TRAILING_CHROME = re(
  '\\s+(?:\\(more…\\)|\\(more\\.\\.\\.\\)|\\[…\\]|\\[\\.\\.\\.\\]|read more\\s*[»›>]+|continue reading\\s*[»›>→]*)$',
);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Decodes the few HTML entities that leak into scraped text. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/giu, (m, dec: string, hex: string, name: string) => {
    if (name) return ENTITIES[name.toLowerCase()] ?? m;
    const cp = dec ? parseInt(dec, 10) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

/** Removes chrome glued to a paragraph (ad labels, image ids, read-more tails) and folds whitespace. */
export function cleanParagraph(text: string): string {
  // Only runs of spaces and other white space are rewritten: replacing every single space is slow on huge lines.
  let s = decodeEntities(text);
  if (/[^\S ]| {2}/u.test(s)) s = s.replace(/\s{2,}|[^\S ]/gu, ' ');
  s = s.trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(LEADING_AD, '').replace(LEADING_IMAGE_ID, '').trim();
    if (s === before) break;
  }
  return /[)\]»›>→g]$/u.test(s) ? s.replace(TRAILING_CHROME, '').trim() : s;
}

/** Ends in a sentence end (., !, ?, …), looking through closing quotes and brackets. */
export function endsSentence(s: string): boolean {
  return /[.!?…](?:["”’'»)\]]*)$/u.test(s.trimEnd());
}

/**
 * Chrome found from the page's structure, for lines `chromeKind` let through:
 * - a short line (≤ 10 words) occurring in 3 or more separate places is boilerplate (a title repeated
 *   three times in a row is one place, so headline repetition is not caught here);
 * - a run of 3 or more distinct menu-like lines (≤ 3 words, no sentence end) is navigation or a widget.
 * `lines` are cleaned paragraphs; `locked[i]` marks lines that must be kept (code, headings).
 */
export function structuralChrome(lines: readonly string[], locked?: readonly boolean[], lineKeys?: readonly string[]): boolean[] {
  const out = new Array<boolean>(lines.length).fill(false);
  const keys = lines.map((l, i) => (l.length <= 200 && countWords(l, 10) <= 10 ? (lineKeys?.[i] ?? chromeKey(l)) : ''));
  const places = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!k || (i > 0 && keys[i - 1] === k)) continue;
    places.set(k, (places.get(k) ?? 0) + 1);
  }
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] && (places.get(keys[i]) ?? 0) >= 3 && !locked?.[i]) out[i] = true;
  }
  const menuLike = (i: number): boolean => {
    const l = lines[i];
    return !locked?.[i] && l.length <= 30 && l.length > 0 && countWords(l, 3) <= 3 && !endsSentence(l) && !/[:;,]$/u.test(l);
  };
  for (let i = 0; i < lines.length;) {
    if (!menuLike(i)) {
      i++;
      continue;
    }
    let j = i;
    const distinct = new Set<string>();
    while (j < lines.length && menuLike(j)) distinct.add(keys[j++]);
    if (distinct.size >= 3) for (let k = i; k < j; k++) out[k] = true;
    i = j;
  }
  return out;
}
