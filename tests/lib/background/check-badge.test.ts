import { describe, expect, it } from 'vitest';
import { DUPLICATE_COLOR, RELATED_COLOR, toolbarBadge } from '../../../lib/background/check-badge';
import type { TabState } from '../../../lib/background/check-state';
import type { QueryResult, RelatedMatch, ReuseMatch } from '../../../lib/index/types';

const reuse = (id: string, kind: ReuseMatch['kind']): ReuseMatch => ({
  id, title: id, collection: 'c', kind, pageShare: 0.5, storyShare: 0.5, passages: [],
});
const rel = (id: string): RelatedMatch => ({ id, title: id, collection: 'c', score: 0.3, terms: ['cuba'] });
const done = (r: Partial<QueryResult>): TabState => ({
  status: 'done', updatedAt: 0, result: { duplicates: [], partial: [], related: [], pageWords: 100, ...r },
});

describe('toolbarBadge', () => {
  it('counts duplicated stories, copies and partial reuse together, in red', () => {
    const b = toolbarBadge(done({ duplicates: [reuse('a', 'duplicate')], partial: [reuse('b', 'partial'), reuse('c', 'partial')], related: [rel('r')] }));
    expect(b).toMatchObject({ text: '3', color: DUPLICATE_COLOR });
    expect(b.title).toContain('3 duplicated stories');
    expect(b.title).toContain('1 related story');
  });

  it('marks related-only pages with "~" and another colour', () => {
    const b = toolbarBadge(done({ related: [rel('a'), rel('b')] }));
    expect(b).toMatchObject({ text: '~2', color: RELATED_COLOR });
    expect(b.color).not.toBe(DUPLICATE_COLOR);
    expect(toolbarBadge(done({ related: Array.from({ length: 12 }, (_, i) => rel(String(i))) })).text).toBe('~9+');
  });

  it('caps the count to fit the badge', () => {
    const many = Array.from({ length: 150 }, (_, i) => reuse(String(i), 'partial'));
    expect(toolbarBadge(done({ partial: many })).text).toBe('99+');
  });

  it('shows nothing without matches, before a check, and on pages not checked', () => {
    expect(toolbarBadge(done({})).text).toBe('');
    expect(toolbarBadge(undefined).text).toBe('');
    for (const status of ['not-article', 'site-disabled', 'waiting-click', 'empty-corpus', 'idle'] as const) {
      expect(toolbarBadge({ status, updatedAt: 0 }).text).toBe('');
    }
  });

  it('shows progress and failure distinctly', () => {
    expect(toolbarBadge({ status: 'checking', updatedAt: 0 }).text).toBe('…');
    const e = toolbarBadge({ status: 'error', error: 'index closed', updatedAt: 0 });
    expect(e.text).toBe('!');
    expect(e.title).toContain('index closed');
  });
});
