import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../../lib/corpus/formats/html';
import { fixtureText, firstHalf, fixture } from './fixtures';

describe('parseHtml', () => {
  it('extracts the article and its metadata from a real-shaped page', () => {
    const { stories, problems } = parseHtml('article.html', fixtureText('article.html'));
    expect(problems).toEqual([]);
    expect(stories).toHaveLength(1);
    const [s] = stories;
    expect(s).toMatchObject({
      title: 'Lavrov’s Latin American Tour: Challenging US Hegemony in America’s ‘Backyard’',
      url: 'https://sputniknews.example/20230422/lavrov-tour.html',
      source: 'Sputnik International',
      date: '2023-04-22T08:15:00Z',
      author: 'Sputnik Staff',
    });
    const paras = s.text.split('\n\n');
    expect(paras).toHaveLength(4);
    expect(paras[0].startsWith('Russia’s foreign minister wrapped up')).toBe(true);
    expect(paras[3]).toContain('Lopez Alvarado explained in an interview with Sputnik.');
    // no markup, no scripts, no styles, no menus, no footer
    expect(s.text).not.toMatch(/[<>]|alert|pwned|color:gray|Home|Privacy|All rights reserved/);
  });

  it('reads the date from <time> or JSON-LD when there is no meta tag', () => {
    const page = fixtureText('article.html').replace(/<meta property="article:published_time"[^>]*>/, '').replace(/"datePublished":"[^"]*",/, '');
    expect(parseHtml('x.html', page).stories[0].date).toBe('2023-04-22T08:15:00Z');
    const noTime = page.replace(/<time[^>]*>[^<]*<\/time>/, '').replace('"headline"', '"datePublished":"2023-04-21T10:00:00Z","headline"');
    expect(parseHtml('x.html', noTime).stories[0].date).toBe('2023-04-21T10:00:00Z');
  });

  it('says "no article found" for a page that is not an article', () => {
    const { stories, problems } = parseHtml('not-article.html', fixtureText('not-article.html'));
    expect(stories).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toMatch(/^no article found/);
  });

  it('says "no article found" for a front page of headlines and teasers', () => {
    const { stories, problems } = parseHtml('front-page.html', fixtureText('front-page.html'));
    expect(stories).toEqual([]);
    expect(problems[0].reason).toMatch(/^no article found/);
  });

  it('accepts wire copy written in one-sentence paragraphs', () => {
    const { stories, problems } = parseHtml('wire-brief.html', fixtureText('wire-brief.html'));
    expect(problems).toEqual([]);
    expect(stories[0].text.split('\n\n')).toHaveLength(5);
    expect(stories[0].title).toMatch(/^In their 70th telephone call/);
  });

  it('refuses markup nested absurdly deep before building a DOM', () => {
    const deep = '<html><body>' + '<div>'.repeat(100_000) + '<p>text</p>' + '</div>'.repeat(100_000) + '</body></html>';
    const t0 = performance.now();
    const { problems } = parseHtml('deep.html', deep);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(problems[0].reason).toMatch(/nested more than 400 deep/);
    // sloppy real-world markup (thousands of unclosed <p> and <li>) is not "deep"
    const sloppy = '<html><body><article>' + '<p>Lavrov and Kerry spoke again by telephone on Tuesday, their seventieth call of the year.'.repeat(2000) + '</article></body></html>';
    expect(parseHtml('sloppy.html', sloppy).problems).toEqual([]);
  });

  it('says "no article found" for empty, fragmentary or garbage markup', () => {
    for (const html of ['', '<html>', '<<<<>>>>', '<p>Hi</p>', '\u0000\u0001<html><body></body></html>']) {
      const { stories, problems } = parseHtml('x.html', html);
      expect(stories).toEqual([]);
      expect(problems[0].reason).toMatch(/^no article found/);
    }
  });

  it('handles a page cut short: in the head → no article; inside the article → what survived', () => {
    const bytes = fixture('article.html');
    const half = parseHtml('cut.html', new TextDecoder().decode(firstHalf(bytes)));
    expect(half.stories).toEqual([]);
    expect(half.problems[0].reason).toMatch(/^no article found/);
    const cutAt = fixtureText('article.html').indexOf('[visited by');
    const { stories } = parseHtml('cut.html', fixtureText('article.html').slice(0, cutAt));
    expect(stories).toHaveLength(1);
    expect(stories[0].text.split('\n\n')).toHaveLength(3);
    expect(stories[0].text.endsWith('“The four countries')).toBe(true);
  });

  it('drops non-http canonical URLs', () => {
    const page = fixtureText('article.html').replace(/https:\/\/sputniknews\.example\/20230422\/lavrov-tour\.html/g, 'javascript:alert(1)');
    expect(parseHtml('x.html', page).stories[0].url).toBeUndefined();
  });
});
