import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../../lib/corpus/formats/text';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { storyCluster, treeRows } from '../../../lib/provenance/story-cluster';
import { lightRewrite, retypeset } from '../../support/rewrite';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const seeds = readdirSync(SEEDS).flatMap((f) => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories);
const base = [...seeds].sort((a, b) => b.text.length - a.text.length)[0];
const paras = base.text.split(/\n\n+/);
const rewrite = lightRewrite(paras, 3, 8);

describe('storyCluster', () => {
  it('gives the tree of the story’s cluster: origin, copies, a copy of a copy under its copy', async () => {
    const index = new StoryIndex(new MemoryBackend());
    await index.addStories({ id: 'c', name: 'c' }, [
      { id: 'origin', title: base.title, text: base.text, source: 'TASS', date: '22 April 2023' },
      { id: 'wire', title: base.title, text: retypeset(base.text), source: 'Wire', date: '2023-04-24' },
      { id: 'rewrite', title: base.title, text: rewrite.join('\n\n'), date: '2023-04-25' },
      { id: 'copy', title: base.title, text: lightRewrite(rewrite, 9, 12).join('\n\n'), date: '2023-04-28' },
      ...seeds.filter((s) => s.id !== base.id),
    ]);
    const c = await storyCluster(index, 'copy');
    expect(c?.origin).toBe('origin');
    expect(c?.nodes.find((n) => n.id === 'origin')).toMatchObject({ source: 'TASS', published: '2023-04-22', parent: null });
    const rows = treeRows(c!).map((r) => [r.node.id, r.depth]);
    expect(rows).toEqual([['origin', 0], ['wire', 1], ['rewrite', 1], ['copy', 2]]);
    expect(await storyCluster(index, 'nope')).toBeNull();
    const alone = await storyCluster(index, seeds.find((s) => s.id !== base.id)!.id);
    expect(alone?.nodes).toHaveLength(1);
  });

  it('treeRows never loops on a malformed tree', () => {
    const rows = treeRows({ id: 'a', origin: null, nodes: [{ id: 'a', title: 'A', parent: 'b' }, { id: 'b', title: 'B', parent: 'a' }, { id: 'c', title: 'C', parent: 'zz' }] });
    expect(rows.map((r) => r.node.id)).toEqual(['c']);
  });
});
