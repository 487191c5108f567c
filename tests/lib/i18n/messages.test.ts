// The three locale files agree (same names, same placeholders, every plural form), and every
// message the source asks for exists: a missing or extra translation fails here, not in front of a reader.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLURAL_FORMS, UI_LOCALES } from '../../../lib/i18n/i18n';
import { formatMessage, placeholderNames, type MessageFile } from '../../../lib/i18n/format-message';
import { LOCALES_DIR, nodeI18n, readMessages } from '../../../lib/i18n/node-i18n';

const ROOT = join(import.meta.dirname, '../../..');
const files = Object.fromEntries(UI_LOCALES.map((l) => [l, readMessages(l)])) as Record<string, MessageFile>;
const en = files.en;

/** Every .ts/.tsx file under the UI's folders (and lib/, which hands words to the UI). */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe('locale files', () => {
  it('exist for every UI locale and no other', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...UI_LOCALES].sort());
  });

  it.each(UI_LOCALES.filter((l) => l !== 'en'))('%s has exactly the names of en', (locale) => {
    const own = Object.keys(files[locale]);
    expect({ missing: Object.keys(en).filter((k) => !(k in files[locale])), extra: own.filter((k) => !(k in en)) }).toEqual({
      missing: [],
      extra: [],
    });
  });

  it.each(UI_LOCALES)('%s: names are valid browser.i18n names, unique ignoring case, messages non-empty', (locale) => {
    const seen = new Set<string>();
    for (const [name, entry] of Object.entries(files[locale])) {
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      expect(seen.has(name.toLowerCase()), name).toBe(false);
      seen.add(name.toLowerCase());
      expect(entry.message.trim(), `${locale}/${name}`).not.toBe('');
    }
  });

  it.each(UI_LOCALES)('%s: placeholders are declared, used, and the same as in en', (locale) => {
    for (const [name, entry] of Object.entries(files[locale])) {
      const declared = Object.keys(entry.placeholders ?? {}).map((k) => k.toLowerCase()).sort();
      expect(placeholderNames(entry), `${locale}/${name} uses undeclared or leaves unused`).toEqual(declared);
      const ref = en[name];
      if (!ref) continue;
      expect(placeholderNames(entry), `${locale}/${name} placeholders`).toEqual(placeholderNames(ref));
      const contents = (e: typeof entry) => Object.values(e.placeholders ?? {}).map((p) => p.content).sort();
      expect(contents(entry), `${locale}/${name} placeholder contents`).toEqual(contents(ref));
      // A bare $1 in a message would bypass the check above.
      expect(entry.message, `${locale}/${name}: use a named placeholder`).not.toMatch(/\$[1-9]/);
    }
  });

  it('every plural message has every form, and the forms cover each locale’s CLDR categories', () => {
    for (const locale of UI_LOCALES) {
      for (const cat of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        expect(PLURAL_FORMS as readonly string[]).toContain(cat);
      }
    }
    const bases = new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
    for (const base of bases) for (const form of PLURAL_FORMS) expect(en, `${base}_${form}`).toHaveProperty(`${base}_${form}`);
    // A form name without its _other is a typo (or a half-removed plural).
    for (const k of Object.keys(en)) {
      const m = /^(.*)_(one|few|many)$/.exec(k);
      if (m) expect(bases.has(m[1]), k).toBe(true);
    }
  });

  it('every message the source names exists', () => {
    const used = new Map<string, string>();
    const plurals = new Set(Object.keys(en).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6)));
    for (const file of [...sources(join(ROOT, 'components')), ...sources(join(ROOT, 'entrypoints')), ...sources(join(ROOT, 'lib')), join(ROOT, 'wxt.config.ts')]) {
      const text = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      // t('name'…), plural('name'…), msg: 'name' (lib/ problem codes), __MSG_name__ (the manifest).
      for (const m of text.matchAll(/\b(t|plural)\(\s*['"`]([A-Za-z0-9_]+)['"`]/g)) used.set(m[1] === 'plural' ? `${m[2]}_other` : m[2], where);
      for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.set(m[1], where);
      for (const m of text.matchAll(/\bmsg:\s*['"`]([A-Za-z0-9_]+)['"`]/g)) used.set(m[1], where);
    }
    const missing = [...used].filter(([k]) => !(k in en)).map(([k, where]) => `${k} (${where})`);
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(0);
    void plurals;
  });
});

describe('lookup', () => {
  it('substitutes like browser.i18n', () => {
    expect(formatMessage({ message: 'A $WHO$ and $$5, $1', placeholders: { who: { content: '$2' } } }, ['x', 'y'])).toBe('A y and $5, x');
    expect(formatMessage({ message: 'Missing $N$', placeholders: { n: { content: '$3' } } }, ['x'])).toBe('Missing ');
  });

  it('reads each locale, falling back to English, and shows an unknown name as itself', () => {
    expect(nodeI18n('en').t('ext_name')).toBe('StoryTrace');
    expect(nodeI18n('ru-RU').t('ext_description')).not.toBe(nodeI18n('en').t('ext_description'));
    expect(nodeI18n('de').t('ext_description')).toBe(nodeI18n('en').t('ext_description'));
    expect(nodeI18n('en').t('no_such_message' as never)).toBe('no_such_message');
  });

  it('picks Russian plural forms by CLDR rules, numbers in the locale', () => {
    const ru = nodeI18n('ru');
    const forms = [1, 2, 5, 11, 21, 22, 25, 1.5].map((n) => ru.plural('count_stories', n));
    expect(forms).toEqual(['1 материал', '2 материала', '5 материалов', '11 материалов', '21 материал', '22 материала', '25 материалов', '1,5 материала']);
    expect(nodeI18n('en').plural('count_stories', 1)).toBe('1 story');
    expect(nodeI18n('en').plural('count_stories', 12345)).toBe('12,345 stories');
    expect(nodeI18n('es').plural('count_stories', 1)).toBe('1 noticia');
    expect(nodeI18n('es').plural('count_stories', 1_000_000)).toBe('1.000.000 de noticias');
    expect(ru.number(12345)).toBe('12\u00a0345');
  });

  it('formats days and moments in the reader’s locale', () => {
    expect(nodeI18n('en-GB').day('2023-04-22')).toBe('22 Apr 2023');
    expect(nodeI18n('ru').day('2023-04-22')).toMatch(/^22 апр\.? 2023/);
    expect(nodeI18n('es').day('2023-04-22')).toMatch(/^22 abr 2023/);
    expect(nodeI18n('en').day('not a date')).toBe('');
  });
});

describe('shares', () => {
  it('are whole percentages in the locale, as formatShare in English', () => {
    expect([0, 0.004, 0.456, 1, 1.3].map((x) => nodeI18n('en').share(x))).toEqual(['0%', '<1%', '46%', '100%', '100%']);
    expect(nodeI18n('ru').share(0.456)).toBe('46\u00a0%');
    expect(nodeI18n('es').share(0.456)).toBe('46\u00a0%');
  });
});

describe('locale_tag', () => {
  it.each(UI_LOCALES)('%s names its own folder', (locale) => {
    expect(files[locale].locale_tag.message).toBe(locale);
  });

  it('gives the extension I18n its locale, keeping the browser region when the language agrees', async () => {
    const { extensionI18n } = await import('../../../lib/i18n/i18n');
    const fake = (locale: string, ui: string) => ({
      getMessage: (name: string, subs?: string[]) => (name === '@@ui_locale' ? ui : (nodeI18n(locale).t(name as never, ...(subs ?? [])) ?? '')),
    });
    expect(extensionI18n(fake('ru', 'en_US')).locale).toBe('ru');
    expect(extensionI18n(fake('en', 'en_GB')).locale).toBe('en-GB');
    expect(extensionI18n(fake('es', 'es_419')).locale).toBe('es-419');
    expect(extensionI18n(fake('ru', 'en_US')).plural('count_stories', 5)).toBe('5 материалов');
  });
});
