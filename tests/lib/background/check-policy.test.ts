import { describe, expect, it } from 'vitest';
import { pagePolicy, siteRulePatch, type ReadingSettings } from '../../../lib/background/check-policy';

const base: ReadingSettings = { mode: 'auto', neverCheckSites: [], hiddenBadgeSites: [] };

describe('pagePolicy', () => {
  it('checks web pages automatically with badges by default', () => {
    expect(pagePolicy(base, 'https://example.org/a')).toEqual({ check: 'auto', showBadges: true });
  });
  it('waits for a click in click mode', () => {
    expect(pagePolicy({ ...base, mode: 'click' }, 'https://example.org/a').check).toBe('click');
  });
  it('never checks listed sites, subdomains included, nor non-web pages', () => {
    const s = { ...base, neverCheckSites: ['example.org'] };
    expect(pagePolicy(s, 'https://news.example.org/a').check).toBe('never');
    expect(pagePolicy(s, 'https://other.org/a').check).toBe('auto');
    expect(pagePolicy(base, 'file:///tmp/a.html').check).toBe('never');
    expect(pagePolicy(base, 'garbage').check).toBe('never');
  });
  it('hides badges on listed sites but still checks', () => {
    expect(pagePolicy({ ...base, hiddenBadgeSites: ['www.example.org'] }, 'https://example.org/a')).toEqual({ check: 'auto', showBadges: false });
  });
});

describe('siteRulePatch', () => {
  it('reads privately everywhere, or on "sites I investigate" (subdomains included): no inline badges', () => {
    expect(pagePolicy({ ...base, privateReading: true }, 'https://example.org/a')).toEqual({ check: 'auto', showBadges: false, private: true });
    const investigated = { ...base, investigateSites: ['example.org'] };
    expect(pagePolicy(investigated, 'https://news.example.org/a')).toEqual({ check: 'auto', showBadges: false, private: true });
    expect(pagePolicy(investigated, 'https://other.org/a')).toEqual({ check: 'auto', showBadges: true });
    // "Never check" still wins: nothing is read at all.
    expect(pagePolicy({ ...investigated, neverCheckSites: ['example.org'] }, 'https://example.org/a')).toEqual({ check: 'never', showBadges: false });
    expect(siteRulePatch(base, 'www.Example.org', 'investigate')).toEqual({ investigateSites: ['example.org'] });
  });

  it('adds a site once and removes it again', () => {
    const added = siteRulePatch({ ...base, neverCheckSites: ['a.org'] }, 'WWW.Example.org', 'never-check');
    expect(added).toEqual({ neverCheckSites: ['a.org', 'example.org'] });
    const twice = siteRulePatch({ ...base, neverCheckSites: ['a.org', 'example.org'] }, 'example.org', 'never-check');
    expect(twice.neverCheckSites).toEqual(['a.org', 'example.org']);
    expect(siteRulePatch({ ...base, hiddenBadgeSites: ['example.org'] }, 'example.org', 'hide-badges', true)).toEqual({ hiddenBadgeSites: [] });
  });
  it('refuses things that are not site names', () => {
    expect(() => siteRulePatch(base, '', 'never-check')).toThrow(/site/);
    expect(() => siteRulePatch(base, 'a b/c', 'never-check')).toThrow(/site/);
  });
});
