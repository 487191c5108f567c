// Tests for chrome (boilerplate) line detection and paragraph cleaning, on seed lines and synthetic ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chromeKey,
  chromeKind,
  cleanParagraph,
  decodeEntities,
  endsSentence,
  isChromeLine,
  structuralChrome,
} from '../../../lib/corpus/chrome';

const seedLines = (name: string): string[] =>
  readFileSync(new URL(`../../fixtures/seeds/${name}`, import.meta.url), 'utf8')
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);

describe('chromeKind: chrome lines from the seed pages', () => {
  const chrome = [
    'Connect with us',
    'Latest',
    'Staff Picks',
    'Liked it? Take a second to support The Duran on Patreon!',
    'Advertisement',
    'Click to comment',
    'Leave a Reply',
    'avatar',
    'Subscribe',
    'Notify of',
    'Continue Reading',
    '1,698 Views',
    '4,851 Views',
    'Your donations make all the difference. Together we can expose fake news lies and deliver truth.',
    'Amount to donate in USD$:',
    '5 100',
    'Validating payment information...',
    'Waiting for PayPal...',
    'Quick Donate',
    'DONATE',
    'Donate a quick 10 spot!',
    'The Duran Newsletter',
    'Trending',
    'JOIN OUR YOUTUBE CHANNEL',
    'CLICK HERE to Support The Duran >>',
    'Remember to Please Subscribe to The Duran’s YouTube Channel',
    '©Photo : Russian Foreign Ministry',
    '©Getty Images / picture alliance',
    '©Sputnik / Mikhail Voskresenskiy / Go to the mediabank',
    '©Sergei Karpukhin/TASS',
    'A Tesla logo on a Model S is photographed inside of a Tesla dealership in New York, U.S., April 29, 2016. REUTERS/Lucas Jackson.',
    'A prototype of the Biofire Smart Gun is seen at Biofire Technologies headquarters in Broomfield, Colorado, U.S., April 18, 2022. REUTERS/Matt Mills McKnight',
    '@bears_with',
    '(more…)',
    'Image default',
    'News Politics',
    'You may also like',
    'Inline Feedbacks',
    'View all comments',
    "By using our website you're confirming that you're happy to accept our use of cookies, IP adresses and other data to help us make the site more convenient for you. OK Read more",
  ];
  it.each(chrome)('%s', (line) => {
    expect(chromeKind(line)).toBeDefined();
    expect(isChromeLine(line)).toBe(true);
  });

  it('labels end-of-story markers as such', () => {
    for (const l of [
      'Continue Reading',
      '(more…)',
      'Click to comment',
      'You may also like',
      'Liked it? Take a second to support The Duran on Patreon!',
    ]) {
      expect(chromeKind(l)).toBe('end');
    }
    expect(chromeKind('©Sputnik/Igor Maslov')).toBe('credit');
    expect(chromeKind('1,698 Views')).toBe('count');
  });
});

describe('chromeKind: Spanish and Russian chrome', () => {
  const chrome = [
    'Publicidad',
    'Lee también: Evacúan a miles de personas en la costa',
    'Síguenos en Twitter',
    'Suscríbete a nuestro boletín',
    'Utilizamos cookies propias y de terceros para mejorar tu experiencia de navegación. Aceptar',
    'Foto: EFE',
    'Noticias relacionadas',
    'Comentarios',
    'Todos los derechos reservados',
    'Реклама',
    'Читайте также: Власти эвакуировали жителей прибрежных районов',
    'Подписывайтесь на наш канал в Telegram',
    'Фото: РИА Новости',
    '1 234 просмотра',
    'Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с этим.',
    'Новости партнеров',
    'Комментарии',
    'Поделиться',
    'Все права защищены',
    'ПОДПИСЫВАЙТЕСЬ НА НАШ КАНАЛ В TELEGRAM',
    'ФОТО: РИА НОВОСТИ',
    'SÍGUENOS EN TWITTER',
  ];
  it.each(chrome)('%s', (line) => expect(chromeKind(line)).toBeDefined());
});

describe('chromeKind: wire trailers, tags, relative times', () => {
  it.each([
    'Reporting by Hyunjoo Jin in San Francisco; Editing by Chizu Nomiyama',
    '(Reporting by Jane Doe; Editing by John Roe)',
    'Our Standards: The Thomson Reuters Trust Principles.',
    'Tags: Russia, Cuba, Navy',
    '5 minutes ago',
    'hace 2 horas',
    '3 часа назад',
    'Download our app',
  ])('%s', (line) => expect(chromeKind(line)).toBeDefined());
  it('keeps a sentence that starts like a trailer', () => {
    expect(chromeKind('Reporting on the war has been difficult for journalists in the region, the group said.')).toBeUndefined();
  });
});

describe('chromeKind: content is never chrome', () => {
  const content = [
    'Brazilian Gateway',
    'Old Friends From Managua',
    'What could go wrong?',
    'Their crime?',
    '(bold italics added)',
    'Tesla denied liability for the 2019 accident.',
    'By doing so, the respective state “reflects a sovereign decision to retain its status as a Member State of the EU.”',
    'Google said it would phase out third-party cookies, which advertisers rely on to track users across websites.',
    'The charity said donations rose 20% last year as inflation squeezed household budgets across the country.',
    'Russian forces kill over 50 Ukrainian troops in Zaporozhye area — Defense Ministry',
    'This story is developing. Please check back for updates.',
    'Las autoridades no han reportado víctimas hasta el momento, según el último balance oficial.',
    'Спасатели продолжают работу на месте, информации о пострадавших пока нет.',
    'He urged supporters to subscribe to his YouTube channel, which he said had more than two million followers and was growing fast.',
  ];
  it.each(content)('%s', (line) => expect(chromeKind(line)).toBeUndefined());

  it('keeps every long body paragraph of the seeds', () => {
    for (const name of ['000_0b04ab074c0709f3.txt', '001_0a55803d26681c2e.txt', '004_9fd36fcddbd190d7.txt']) {
      for (const line of seedLines(name)) {
        if (line.length < 150 || /Patreon|cookies|donations|REUTERS\//u.test(line)) continue;
        expect(chromeKind(line), line).toBeUndefined();
      }
    }
  });
});

describe('cleanParagraph', () => {
  it('strips the inline ad label glued to a paragraph', () => {
    expect(cleanParagraph('Advertisement · Scroll to continue "I\'ve not just built a product," Kloepfer said.')).toBe(
      '"I\'ve not just built a product," Kloepfer said.',
    );
  });
  it('strips image ids glued to the first word', () => {
    expect(cleanParagraph('inx960x640 4In November, two momentous events took place')).toBe('In November, two momentous events took place');
    expect(cleanParagraph('235830721 1In turn, Washington is very discontent')).toBe('In turn, Washington is very discontent');
    expect(cleanParagraph('1439470546 1In the framework of the visit')).toBe('In the framework of the visit');
    expect(cleanParagraph('inx960x640 1 2After the official visit')).toBe('After the official visit');
  });
  it('leaves ordinary paragraphs alone apart from white space', () => {
    expect(cleanParagraph('  Advertisement spending rose  sharply in 2023. ')).toBe('Advertisement spending rose sharply in 2023.');
    expect(cleanParagraph('2023 was a hard year for 4 companies.')).toBe('2023 was a hard year for 4 companies.');
    expect(cleanParagraph('In 1961 1,000 people left.')).toBe('In 1961 1,000 people left.');
  });
  it('drops a trailing (more…) and decodes entities', () => {
    expect(cleanParagraph('The talks went on. (more…)')).toBe('The talks went on.');
    expect(cleanParagraph('AT&amp;T and &#8220;friends&#8221;&nbsp;met')).toBe('AT&T and “friends” met');
  });
});

describe('helpers', () => {
  it('chromeKey folds case, apostrophes and surrounding punctuation', () => {
    expect(chromeKey('  (more…) ')).toBe('more');
    expect(chromeKey('Editor’s Picks:')).toBe("editor's picks");
    expect(chromeKey('CLICK HERE to Support The Duran >>')).toBe('click here to support the duran');
  });
  it('decodeEntities leaves unknown or invalid entities', () => {
    expect(decodeEntities('a &bogus; b &#xD800; c')).toBe('a &bogus; b &#xD800; c');
  });
  it('endsSentence looks through closing quotes', () => {
    expect(endsSentence('He said "no."')).toBe(true);
    expect(endsSentence('America’s ‘Backyard’')).toBe(false);
  });
});

describe('structuralChrome', () => {
  it('flags a short line found in three or more places', () => {
    const lines = ['Title', 'Body one is a long sentence here.', 'Share', 'Body two.', 'Share', 'Body three.', 'Share'];
    const flags = structuralChrome(lines);
    expect(flags).toEqual([false, false, true, false, true, false, true]);
  });
  it('does not flag a headline repeated three times in a row', () => {
    const t = 'Berlin decides to expel Russian diplomats';
    expect(structuralChrome([t, t, t, 'The German authorities have decided to expel diplomats.'])).toEqual([false, false, false, false]);
  });
  it('flags runs of three distinct menu-like lines, not a lone subheading', () => {
    const lines = [
      'Quick Donate',
      'The Duran',
      'EURO',
      'DONATE',
      'Long paragraph of real text goes here.',
      'Brazilian Gateway',
      'More text.',
    ];
    expect(structuralChrome(lines)).toEqual([true, true, true, true, false, false, false]);
  });
  it('respects locked lines', () => {
    expect(structuralChrome(['a b', 'c d', 'e f'], [false, true, false])).toEqual([false, false, false]);
  });
});
