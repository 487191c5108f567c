import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../../lib/corpus/formats/feed';
import { fixtureText } from './fixtures';

describe('parseFeed', () => {
  it('reads RSS 2.0 items: CDATA content:encoded, dc:creator, channel title as source', () => {
    const { stories, problems } = parseFeed('feed.rss', fixtureText('feed.rss'));
    expect(stories).toHaveLength(2);
    const [kerry, china] = stories;
    expect(kerry).toMatchObject({
      id: 'duran-2016-12-28-1',
      title: 'In their 70th telephone call of 2016 Lavrov warns Kerry on Syria and misusing the Security Council',
      url: 'https://theduran.example/lavrov-kerry-70th-call/',
      source: 'The Duran & Friends',
      date: '2016-12-28T10:00:00.000Z',
      author: 'Alexander Mercouris',
    });
    // the full content wins over the one-paragraph description; the script inside is gone
    expect(kerry.text.split('\n\n')).toHaveLength(3);
    expect(kerry.text).not.toMatch(/alert|<p>/);
    // entity-escaped HTML description, "email (Name)" author
    expect(china.author).toBe('Alexander Mercouris');
    expect(china.text.split('\n\n')).toHaveLength(3);
    expect(problems).toEqual([{ file: 'feed.rss', record: 3, reason: expect.stringMatching(/no text/) }]);
  });

  it('reads Atom entries: alternate link, html and xhtml content, author name', () => {
    const { stories, problems } = parseFeed('feed.atom', fixtureText('feed.atom'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatchObject({
      id: 'tag:johnhelmer.example,2026:cuba',
      title: 'Putin will not run the Trump gauntlet around Cuba',
      url: 'https://johnhelmer.example/cuba',
      source: 'Dances with Bears',
      date: '2026-02-02T08:00:00Z',
      author: 'John Helmer',
    });
    expect(stories[0].text.split('\n\n')).toHaveLength(3);
    expect(stories[1].url).toBe('https://cubanews.example/moscow-havana');
    expect(stories[1].text.split('\n\n')).toHaveLength(2);
    expect(stories[1].text).toContain('Díaz-Canel');
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>RDF News</title></channel>
<item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link><description>He meant that solidarity with Cuba is one thing.</description><dc:date>2026-02-02</dc:date></item>
</rdf:RDF>`;
    const { stories } = parseFeed('x.rdf', rdf);
    expect(stories).toEqual([
      expect.objectContaining({ title: 'One', url: 'https://x.example/1', source: 'RDF News', date: '2026-02-02', text: 'He meant that solidarity with Cuba is one thing.' }),
    ]);
  });

  it('keeps the items of a truncated feed', () => {
    const { stories } = parseFeed('truncated.rss', fixtureText('truncated.rss'));
    expect(stories[0].title).toBe('Putin will not run the Trump gauntlet around Cuba');
    expect(stories[0].text.split('\n\n')).toHaveLength(3);
  });

  it('decodes entities once and keeps markup in titles as literal text', () => {
    const rss = `<rss><channel><title>T</title><item><title>Tom &amp;amp; Jerry &lt;b&gt;live&lt;/b&gt;</title><description>Body &amp;eacute;t&amp;eacute; here.</description></item></channel></rss>`;
    const { stories } = parseFeed('x.rss', rss);
    expect(stories[0].title).toBe('Tom & Jerry <b>live</b>');
    expect(stories[0].text).toBe('Body été here.');
  });

  it('refuses elements nested absurdly deep before parsing', () => {
    const deep = '<rss><channel><item><title>t</title><description>' + '<x>'.repeat(100_000) + 'text' + '</x>'.repeat(100_000) + '</description></item></channel></rss>';
    expect(parseFeed('deep.rss', deep).problems[0].reason).toMatch(/nested more than 1000 deep/);
  });

  it('reports documents that are not feeds', () => {
    expect(parseFeed('x.xml', fixtureText('not-a-feed.xml')).problems[0].reason).toBe('no RSS items or Atom entries found');
    expect(parseFeed('x.xml', '').problems[0].reason).toBe('no RSS items or Atom entries found');
    expect(parseFeed('x.xml', '<<<>>>&&&').problems[0].reason).toBe('no RSS items or Atom entries found');
  });
});
