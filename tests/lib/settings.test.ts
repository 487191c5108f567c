// Settings validation: defaults for anything missing or wrong, host names cleaned, hostile values refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_SITES, applySettingsPatch, cleanHost, normalizeSettings } from '../../lib/settings';

describe('cleanHost', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  WWW.Example.COM  ', 'example.com'],
    ['https://www.bbc.co.uk/news/world-123?x=1#y', 'bbc.co.uk'],
    ['news.example.org:8080/path', 'news.example.org'],
    ['example.com.', 'example.com'],
    ['пример.рф', 'пример.рф'],
    ['localhost', 'localhost'],
  ])('%j → %j', (input, host) => expect(cleanHost(input)).toBe(host));

  it.each(['', '   ', 'exa mple.com', '<b>x</b>', 'javascript:alert(1)', '-bad.com', 'a..b', 'x'.repeat(300), 'a.' + 'b'.repeat(64), null, 42, {}, ['example.com']])(
    'refuses %j',
    (input) => expect(cleanHost(input)).toBeUndefined(),
  );
});

describe('normalizeSettings', () => {
  it('gives defaults for nothing or garbage', () => {
    for (const v of [undefined, null, 0, 'x', [], { sensitivity: 'max', mode: 1, neverCheckSites: 'a.com' }]) expect(normalizeSettings(v)).toEqual(DEFAULT_SETTINGS);
  });
  it('always returns valid settings, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const s = normalizeSettings(v);
        expect(['strict', 'normal', 'loose']).toContain(s.sensitivity);
        expect(['auto', 'click']).toContain(s.mode);
        for (const h of [...s.neverCheckSites, ...s.hiddenBadgeSites]) expect(cleanHost(h)).toBe(h);
        expect(s.neverCheckSites.length).toBeLessThanOrEqual(MAX_SITES);
      }),
    );
  });
  it('keeps valid values and de-duplicates sites', () => {
    expect(normalizeSettings({ sensitivity: 'loose', mode: 'click', neverCheckSites: ['a.com', 'www.a.com', 'b.org'], hiddenBadgeSites: ['c.net'] })).toEqual({
      ...DEFAULT_SETTINGS,
      sensitivity: 'loose',
      mode: 'click',
      neverCheckSites: ['a.com', 'b.org'],
      hiddenBadgeSites: ['c.net'],
    });
  });
  it('keeps private reading only when it is exactly true, and cleans the investigated sites', () => {
    expect(normalizeSettings({ privateReading: true, investigateSites: ['WWW.Rt.com', 'x y'] })).toMatchObject({ privateReading: true, investigateSites: ['rt.com'] });
    for (const v of ['true', 1, {}, null]) expect(normalizeSettings({ privateReading: v }).privateReading).toBe(false);
  });
});

describe('applySettingsPatch', () => {
  it('applies a partial patch', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { mode: 'click' })).toEqual({ ...DEFAULT_SETTINGS, mode: 'click' });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { privateReading: true, investigateSites: ['rt.com'] })).toEqual({ ...DEFAULT_SETTINGS, privateReading: true, investigateSites: ['rt.com'] });
  });
  it.each([[{ sensitivity: 'high' }, /Sensitivity/], [{ mode: null }, /Mode/], [{ neverCheckSites: ['ok.com', 'not a host'] }, /Not a site name/], [{ colour: 'red' }, /Unknown setting/], [null, /object/], [{ privateReading: 'yes' }, /Private reading/], [{ investigateSites: ['<b>'] }, /Not a site name/]])(
    'refuses %j',
    (patch, message) => expect(() => applySettingsPatch(DEFAULT_SETTINGS, patch)).toThrow(message),
  );
  it('does not touch the current settings object', () => {
    const cur = { ...DEFAULT_SETTINGS, neverCheckSites: ['a.com'] };
    applySettingsPatch(cur, { neverCheckSites: [] });
    expect(cur.neverCheckSites).toEqual(['a.com']);
  });
});
