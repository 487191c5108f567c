import { describe, expect, it } from 'vitest';
import { nameKey, romanize } from '../../../lib/translation/name-key';

describe('nameKey', () => {
  it('gives a name one key across scripts and inflections', () => {
    const same: [string, string][] = [
      ['Lavrov', 'Лавров'],
      ['Lavrov', 'Лавровым'],
      ['Lavrov', 'لافروف'],
      ['Putin', 'بوتين'],
      ['Zelensky', 'Зеленского'],
      ['Washington', 'Вашингтон'],
      ['Obama', 'أوباما'],
      ['Johnson', 'Джонсон'],
      ['Rodríguez', 'Родригес'],
      ['Mitsotakis', 'Μητσοτάκης'],
      ["Trump's", 'ترامب'],
    ];
    for (const [a, b] of same) expect(nameKey(b), `${a} / ${b}`).toBe(nameKey(a));
  });

  it('tells different names apart', () => {
    expect(nameKey('Lavrov')).not.toBe(nameKey('Putin'));
    expect(nameKey('Kherson')).not.toBe(nameKey('Kharkiv'));
    expect(nameKey('Moscow')).not.toBe(nameKey('Minsk'));
  });

  it('gives no key to words too short to be evidence, or to no letters at all', () => {
    expect(nameKey('Ли')).toBeUndefined();
    expect(nameKey('Cuba')).toBeUndefined();
    expect(nameKey('123')).toBeUndefined();
    expect(nameKey('')).toBeUndefined();
    expect(romanize('漢字')).toBe('');
  });
});
