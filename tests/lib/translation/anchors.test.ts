import { describe, expect, it } from 'vitest';
import { anchorsOf, anchoredParagraphs, dominantScript, numberValue } from '../../../lib/translation/anchors';
import { detectLanguage } from '../../../lib/translation/language';

describe('numberValue', () => {
  it('reads the usual conventions to one value', () => {
    for (const w of ['1,500', '1 500', '1.500', '1\u00a0500', '1500']) expect(numberValue(w), w).toBe('1500');
    expect(numberValue('1,5')).toBe('1.5');
    expect(numberValue('3.75')).toBe('3.75');
    expect(numberValue('20 000')).toBe('20000');
    expect(numberValue('007')).toBe('7');
  });
});

describe('anchorsOf', () => {
  it('keeps numbers and names in text order, the same in English and Russian', () => {
    const en = anchorsOf('On April 5, 2023, the ministry told Geza Andreas von Geyr that 40 diplomats must leave.');
    const ru = anchorsOf('5 апреля 2023 года министерство сообщило Гезе Андреасу фон Гайру, что 40 дипломатов должны уехать.');
    expect(en).toEqual(['#5', '#2023', '@andr', '#40']);
    expect(ru).toEqual(['#5', '#2023', '@andr', '#40']);
  });

  it('takes no month, day or function word for a name', () => {
    expect(anchorsOf('The minister spoke on Monday. However, Lavrov left in April.')).toEqual(['@lfrf']);
  });
});

describe('paragraphs and languages', () => {
  it('splits at line breaks with shares summing to one', () => {
    const ps = anchoredParagraphs('First one here.\n\nSecond, a longer paragraph here.\n');
    expect(ps).toHaveLength(2);
    expect(ps[0].share + ps[1].share).toBeCloseTo(1);
    expect(ps[1].share).toBeGreaterThan(ps[0].share);
  });

  it('tells scripts and common languages', () => {
    expect(dominantScript('Привет, мир')).toBe('cyrillic');
    expect(dominantScript('مرحبا بالعالم')).toBe('arabic');
    expect(detectLanguage('The minister said that the talks with the delegation of the country were useful for both sides.')).toBe('en');
    expect(detectLanguage('El ministro dijo que las conversaciones con la delegación del país fueron útiles para las dos partes.')).toBe('es');
    expect(detectLanguage('Министр заявил, что переговоры с делегацией были полезны для обеих сторон и что он доволен.')).toBe('ru');
    expect(detectLanguage('Lavrov Putin Biden')).toBe('und');
  });
});

describe('numbers in other scripts', () => {
  it('reads Arabic-Indic and Chinese numerals as the same numbers', async () => {
    const { chineseNumber } = await import('../../../lib/translation/anchors');
    expect(anchorsOf('قتل ٥٠ جنديا في ٢٠٢٣').filter((a) => a[0] === '#')).toEqual(['#50', '#2023']);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('三百五十')).toBe(350);
    expect(chineseNumber('二〇二三')).toBe(2023);
    expect(chineseNumber('两万')).toBe(20000);
    expect(anchorsOf('第十二条')).toEqual(['#12']);
    expect(anchorsOf('一个人')).toEqual([]);
  });
});
