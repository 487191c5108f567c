// Texts that cross as English strings (settings refusals, the background's errors) are worded
// again in the reader's language, and the sources still say exactly what the messages match.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reword } from '../../../lib/i18n/reword';
import { nodeI18n, readMessages } from '../../../lib/i18n/node-i18n';
import { applySettingsPatch, cleanTeamUrl, DEFAULT_SETTINGS } from '../../../lib/settings';

const ROOT = join(import.meta.dirname, '../../..');
const en = readMessages('en');
const ru = nodeI18n('ru').t;

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('reword', () => {
  it('words settings refusals again, arguments kept', () => {
    expect(reword(thrown(() => cleanTeamUrl('ftp://x.org')), ru, 'settings_error_')).toBe('Адрес командного индекса должен начинаться с https://');
    expect(reword(thrown(() => cleanTeamUrl('http://example.org')), ru, 'settings_error_')).toBe('Командный индекс на другом компьютере должен использовать https://');
    expect(reword(thrown(() => applySettingsPatch(DEFAULT_SETTINGS, { neverCheckSites: ['not a site'] })), ru, 'settings_error_')).toBe('Это не имя сайта: "not a site"');
    expect(reword('Anything else', ru, 'settings_error_')).toBe('Anything else');
  });

  it('every message without placeholders of these families is still said by the source', () => {
    const dir = (d: string) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(ROOT, d, f), 'utf8'));
    const source = [readFileSync(join(ROOT, 'lib/settings.ts'), 'utf8'), ...dir('lib/background'), ...dir('lib/import')].join('\n');
    for (const [key, entry] of Object.entries(en)) {
      if (!/^(settings_error_|bgerror_|joberror_)/.test(key) || entry.placeholders) continue;
      expect(source.includes(`'${entry.message}'`), key).toBe(true);
    }
  });
});
