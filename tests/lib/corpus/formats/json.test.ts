import { describe, expect, it } from 'vitest';
import { parseJson, findRecords } from '../../../../lib/corpus/formats/json';
import { parseFile } from '../../../../lib/corpus/parse-file';
import { fixture, fixtureText, firstHalf } from './fixtures';

describe('parseJson', () => {
  it('reads an array of stories through field aliases', () => {
    const { stories, problems } = parseJson('stories.json', fixtureText('stories.json'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(3);
    const [lavrov, kerry, china] = stories;
    // id as given; headline → title; body is HTML → plain text; source object → name; epoch s → ISO
    expect(lavrov).toMatchObject({
      id: 'sputnik-20230422-lavrov',
      title: 'Lavrov’s Latin American Tour: Challenging US Hegemony in America’s ‘Backyard’',
      url: 'https://sputniknews.example/20230422/lavrov-tour.html',
      source: 'Sputnik International',
      date: '2023-04-22T08:15:00.000Z',
      author: 'Sputnik Staff, Carlos Manuel Lopez',
    });
    // The longer body wins over the one-paragraph description, and comes out as paragraphs.
    expect(lavrov.text.split('\n\n')).toHaveLength(3);
    expect(lavrov.text).not.toMatch(/<\/?p>/);
    // Mongo {$oid} id, plain "content", "site", ISO date kept as written
    expect(kerry).toMatchObject({ id: '5863c1f2a1b2c3d4e5f60718', source: 'The Duran', date: '2016-12-28T10:00:00Z', author: 'Alexander Mercouris' });
    // numeric guid stringified; full_text; permalink; publisher; RFC 822 pubDate → ISO; byline
    expect(china).toMatchObject({
      id: '42',
      url: 'https://theduran.example/top-chinese-officials-visit-putin/',
      source: 'The Duran',
      date: '2017-04-21T09:30:00.000Z',
      author: 'Alexander Mercouris',
    });
    expect(china.text).toContain('Li Zhanshu');
  });

  it('finds the array inside a wrapper object, at any key and depth', () => {
    const { stories, problems } = parseJson('wrapped.json', fixtureText('wrapped.json'));
    expect(problems).toEqual([]);
    expect(stories.map((s) => s.title)).toEqual([
      'Putin will not run the Trump gauntlet around Cuba',
      'Moscow and Havana once again strengthen bilateral relations',
    ]);
    expect(stories[0].date).toBe('2026-02-02T00:00:00.000Z'); // epoch milliseconds
    expect(stories[1].date).toBe('2018-11-12'); // a bare date stays a date
    // no id in the records: derived from the content, stable across runs
    expect(stories[0].id).toMatch(/^h[0-9a-f]{16}$/);
    expect(parseJson('again.json', fixtureText('wrapped.json')).stories[0].id).toBe(stories[0].id);
  });

  it('reads a single story object, not its comments array', () => {
    const { stories } = parseJson('single.json', fixtureText('single.json'));
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({ title: 'Putin will not run the Trump gauntlet around Cuba', source: 'Dances with Bears', author: 'John Helmer', url: 'https://johnhelmer.example/cuba' });
  });

  it('reads a JSON Feed (items under a feed object that has its own short description)', () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Dances with Bears',
      description: 'Russia news',
      items: [
        { id: '1', title: 'One', content_html: '<p>President Vladimir Putin will not run the gauntlet.</p>', date_published: '2026-02-02T08:00:00Z', authors: [{ name: 'John Helmer' }] },
        { id: '2', title: 'Two', content_text: 'He meant that solidarity with Cuba is one thing.', url: 'https://x.example/2' },
      ],
    };
    const { stories } = parseJson('feed.json', JSON.stringify(feed));
    expect(stories.map((s) => [s.id, s.text, s.author])).toEqual([
      ['1', 'President Vladimir Putin will not run the gauntlet.', 'John Helmer'],
      ['2', 'He meant that solidarity with Cuba is one thing.', undefined],
    ]);
  });

  it('reads the field names of common scrapers and APIs (news-please, NewsAPI, WordPress)', () => {
    const newsPlease = { title: 'A', maintext: 'Body of A.', date_publish: '2023-04-22 08:15:00', authors: ['X', 'Y'], source_domain: 'sputniknews.com', url: 'https://sputniknews.com/a' };
    const newsApi = { source: { id: null, name: 'Reuters' }, author: 'Z', title: 'B', description: 'Short.', url: 'https://reuters.com/b', publishedAt: '2023-04-22T08:15:00Z', content: 'Longer body of B. [+1234 chars]' };
    const wordpress = { id: 7, date: '2023-04-22T08:15:00', link: 'https://x.example/c', title: { rendered: 'C &#8211; &amp; more' }, content: { rendered: '<p>Body of C.</p>', protected: false } };
    const { stories } = parseJson('x.json', JSON.stringify([newsPlease, newsApi, wordpress]));
    expect(stories.map(({ id: _id, ...s }) => s)).toEqual([
      { title: 'A', text: 'Body of A.', url: 'https://sputniknews.com/a', source: 'sputniknews.com', date: '2023-04-22 08:15:00', author: 'X, Y' },
      { title: 'B', text: 'Longer body of B. [+1234 chars]', url: 'https://reuters.com/b', source: 'Reuters', date: '2023-04-22T08:15:00Z', author: 'Z' },
      { title: 'C – & more', text: 'Body of C.', url: 'https://x.example/c', date: '2023-04-22T08:15:00' },
    ]);
    expect(stories[2].id).toBe('7');
  });

  it('reports a record without text by number and line, keeping the others', () => {
    const text = JSON.stringify([{ title: 'A', text: 'Body of A.' }, { title: 'No body', url: 'https://x.example' }, { title: 'C', body: 'Body of C.' }], null, 2);
    const { stories, problems } = parseJson('x.json', text);
    expect(stories.map((s) => s.title)).toEqual(['A', 'C']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'x.json', record: 2, line: 6 });
    expect(problems[0].reason).toMatch(/no text/);
  });

  it('falls back to the first sentence when a record has no title', () => {
    const { stories } = parseJson('x.json', JSON.stringify({ text: 'He meant that solidarity with Cuba is one thing. But not at the risk of conflict.' }));
    expect(stories[0].title).toBe('He meant that solidarity with Cuba is one thing.');
  });

  it('keeps every good record of a file with one broken record', () => {
    const { stories, problems } = parseJson('malformed.json', fixtureText('malformed.json'));
    expect(stories.map((s) => s.id)).toEqual(['sputnik-20230422-lavrov', '42']);
    expect(problems[0].reason).toMatch(/^invalid JSON .*read 2 of 3 records/);
    expect(problems[1]).toMatchObject({ file: 'malformed.json', record: 2 });
    expect(problems[1].line).toBeGreaterThan(1);
  });

  it('keeps the complete records of a file cut in half and names the cut one', () => {
    const half = new TextDecoder().decode(firstHalf(fixture('stories.json')));
    const { stories, problems } = parseJson('cut.json', half);
    expect(stories.map((s) => s.id)).toEqual(['sputnik-20230422-lavrov']);
    expect(problems.some((p) => p.record === 2 && /truncated/.test(p.reason))).toBe(true);
  });

  it('reads JSON Lines saved as .json without calling it broken', () => {
    const { stories, problems } = parseJson('lines.json', fixtureText('stories.jsonl'));
    expect(stories).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('turns HTML and scripts in text into inert plain text; titles stay literal characters', () => {
    const { stories } = parseJson('x.json', fixtureText('script-injection.json'));
    const [s] = stories;
    expect(s.text).not.toMatch(/alert|<script|<p|onclick|iframe|display:none/);
    expect(s.text).toContain('Russia’s foreign minister');
    expect(s.text.split('\n\n')).toHaveLength(2);
    expect(s.title).toBe('<script>alert("title")</script> <img src=x onerror=alert(1)> Lavrov tour');
    expect(s.url).toBeUndefined(); // javascript: URLs are never kept
  });

  it('strips NUL and other control characters from fields', () => {
    const { stories } = parseJson('x.json', JSON.stringify({ title: 'Lav\u0000rov\u0007 tour\u001b', text: 'Body\u0000 text\u0008 here \ud800 done.' }));
    expect(stories[0].title).toBe('Lavrov tour');
    expect(stories[0].text).toBe('Body text here done.');
  });

  it('survives JSON nested 100,000 deep (no recursion)', () => {
    const depth = 100_000;
    const deepArray = '['.repeat(depth) + ']'.repeat(depth);
    expect(() => parseJson('deep.json', deepArray)).not.toThrow();
    const deepObject = '{"a":'.repeat(depth) + '{"title":"Deep","text":"Found at the bottom."}' + '}'.repeat(depth);
    const { stories } = parseJson('deep.json', deepObject);
    expect(stories.map((s) => s.text)).toEqual(['Found at the bottom.']);
    // the same depth, broken, goes through the tolerant scanner: the good neighbours survive
    const badDeep = '{"a":'.repeat(depth) + '1,,' + '}'.repeat(depth);
    const broken = parseFile('deep.json', new TextEncoder().encode(`[{"title":"A","text":"Body A."},${badDeep},{"title":"C","text":"Body C."}]`));
    expect(broken.stories.map((s) => s.text)).toEqual(['Body A.', 'Body C.']);
    expect(broken.problems.some((p) => p.record === 2)).toBe(true);
    const cut = parseFile('cut.json', new TextEncoder().encode(deepObject.slice(0, deepObject.length / 2)));
    expect(cut.stories).toEqual([]);
    expect(cut.problems[0].reason).toMatch(/invalid JSON/);
    // deep nesting inside a text field is not followed
    const inField = JSON.stringify({ title: 'T', text: 'Body.', extra: 0 }).replace('0', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    expect(parseJson('x.json', inField).stories).toHaveLength(1);
  });

  it('reports files that hold no story objects', () => {
    expect(parseJson('x.json', '"just a string"').problems[0].reason).toMatch(/no story objects/);
    expect(parseJson('x.json', '{oops').problems[0].reason).toMatch(/^invalid JSON/);
    expect(parseJson('x.json', '[1, 2, "three"]').problems.map((p) => p.record)).toEqual([1, 2, 3]);
  });
});

describe('findRecords', () => {
  it('prefers the array holding the most story-like objects', () => {
    const a = [{ text: 'x' }];
    const b = [{ body: 'y' }, { body: 'z' }];
    expect(findRecords({ meta: { tags: [1, 2, 3] }, a, nested: { b } })).toBe(b);
    expect(findRecords([{ title: 'no text' }])).toEqual([{ title: 'no text' }]);
    expect(findRecords(7)).toBeUndefined();
  });
});
