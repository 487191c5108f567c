// Checks with a team index beside the local one, through a real `storytrace serve` server on
// 127.0.0.1: team stories are added and marked, a story in both counts once, the local answer
// stands when the server is down or refuses the token (with the status), nothing is sent without
// the origin's permission, and nothing changes without a team index.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckService } from '../../../lib/background/check-page';
import { MemoryTabStateStore } from '../../../lib/background/check-state';
import { mergeTeamResult, TeamIndex } from '../../../lib/background/team-index';
import { parseText } from '../../../lib/corpus/formats/text';
import type { Story } from '../../../lib/corpus/story';
import { MemoryBackend } from '../../../lib/index/memory/backend';
import { StoryIndex } from '../../../lib/index/story-index';
import { READ_TOKEN, startTeamServer, type Running } from '../server/harness';
import { teamBackend, type TeamBackend } from '../server/team-backend';

const SEEDS = join(import.meta.dirname, '../../fixtures/seeds');
const files = readdirSync(SEEDS).sort();
const storiesOf = (f: string): Story[] => parseText(f, readFileSync(join(SEEDS, f), 'utf8')).stories;
/** Seeds 000–002 are local; 003–004 only on the team server; seed 002 on both. */
const localStories = files.slice(0, 3).flatMap(storiesOf);
const teamStories = files.slice(2).flatMap(storiesOf);
const teamOnly = storiesOf(files[3])[0];
const both = storiesOf(files[2])[0];
/** A page reprinting a team-only story and quoting one held by both. */
const page = { text: teamOnly.text + '\n\n' + both.text, title: 'Roundup', url: 'https://example.org/roundup' };

let db: TeamBackend;
let srv: Running;
let local: StoryIndex;

beforeAll(async () => {
  db = await teamBackend();
  await new StoryIndex(db.backend).addStories({ id: 'team', name: 'Team' }, teamStories);
  srv = await startTeamServer(db.backend);
  local = new StoryIndex(new MemoryBackend());
  await local.addStories({ id: 'mine', name: 'Mine' }, localStories);
}, 120_000);

afterAll(async () => {
  await srv?.close();
  await db?.close();
});

function service(team: { url: string; token: string; granted?: boolean } | undefined, sent: string[] = []) {
  const rechecks: number[] = [];
  const s = new CheckService({
    index: async () => local,
    sensitivity: async () => 'normal',
    states: new MemoryTabStateStore(),
    setBadge: async () => {},
    recheck: async (tabId) => void rechecks.push(tabId),
    ...(team
      ? {
          team: new TeamIndex({
            settings: async () => ({ teamUrl: team.url, teamToken: team.token }),
            hasPermission: async () => team.granted !== false,
            fetch: (input, init) => (sent.push(String(input)), fetch(input, init)),
            timeoutMs: 2000,
          }),
        }
      : {}),
  });
  return { s, rechecks };
}

describe('checks with a team index', () => {
  it('add the team stories, marked, and count a story in both once', async () => {
    const { s } = service({ url: srv.url, token: READ_TOKEN });
    const answer = await s.checkPage(page, { tabId: 1 });
    const ids = [...answer.duplicates, ...answer.partial].map((m) => m.id);
    expect(ids).toContain(teamOnly.id);
    expect(ids.filter((id) => id === both.id)).toHaveLength(1);
    expect([...answer.duplicates, ...answer.partial].find((m) => m.id === teamOnly.id)?.team).toBe(true);
    expect([...answer.duplicates, ...answer.partial].find((m) => m.id === both.id)?.team).toBeUndefined();
    const state = await s.tabState(1);
    expect(state?.team).toEqual({ state: 'ok' });
    const all = [...state!.result!.duplicates, ...state!.result!.partial, ...state!.result!.related].map((m) => m.id);
    expect(new Set(all).size).toBe(all.length);
    // The viewer opens a team story through the server.
    expect((await s.story(teamOnly.id))?.text).toBe(teamOnly.text);
  });

  it('keep the local answer, with the status, when the server is unreachable or refuses the token', async () => {
    const down = service({ url: 'http://127.0.0.1:9', token: READ_TOKEN }).s;
    const a = await down.checkPage(page, { tabId: 2 });
    expect(a.duplicates.concat(a.partial).map((m) => m.id)).toContain(both.id);
    expect(a.duplicates.concat(a.partial).map((m) => m.id)).not.toContain(teamOnly.id);
    expect((await down.tabState(2))?.team?.state).toBe('unreachable');
    const refused = service({ url: srv.url, token: 'not-a-real-token-at-all' }).s;
    await refused.checkPage(page, { tabId: 3 });
    const st = await refused.tabState(3);
    expect(st?.team?.state).toBe('token');
    expect(st?.result?.duplicates.concat(st.result.partial).map((m) => m.id)).toContain(both.id);
  });

  it('send nothing before the permission for the origin is granted', async () => {
    const sent: string[] = [];
    const { s } = service({ url: srv.url, token: READ_TOKEN, granted: false }, sent);
    await s.checkPage(page, { tabId: 4 });
    expect(sent).toEqual([]);
    expect((await s.tabState(4))?.team?.state).toBe('no-permission');
    expect(await s.story(teamOnly.id)).toBeNull();
  });

  it('change nothing without a team index', async () => {
    const { s } = service(undefined);
    const a = await s.checkPage(page, { tabId: 5 });
    const alone = await local.query(page, { excludeIds: ['page:' + page.url] });
    expect(a.duplicates.map((m) => m.id)).toEqual(alone.duplicates.map((m) => m.id));
    expect(a.partial.map((m) => m.id)).toEqual(alone.partial.map((m) => m.id));
    expect((await s.tabState(5))?.team).toBeUndefined();
  });

  it('merge a late team answer into the tab state and ask the page to check again', async () => {
    // A server slower than the page's wait: its reuse reaches the state, then the page re-checks.
    const slow: typeof fetch = async (input, init) => (await new Promise((ok) => setTimeout(ok, 900)), fetch(input, init));
    const rechecks: number[] = [];
    const s = new CheckService({
      index: async () => local,
      sensitivity: async () => 'normal',
      states: new MemoryTabStateStore(),
      setBadge: async () => {},
      recheck: async (tabId) => void rechecks.push(tabId),
      team: new TeamIndex({ settings: async () => ({ teamUrl: srv.url, teamToken: READ_TOKEN }), hasPermission: async () => true, fetch: slow }),
    });
    const first = await s.checkPage(page, { tabId: 6 });
    expect(first.duplicates.concat(first.partial).map((m) => m.id)).not.toContain(teamOnly.id);
    const state = await s.tabState(6);
    expect(state?.result?.duplicates.concat(state.result.partial).map((m) => m.id)).toContain(teamOnly.id);
    expect(rechecks).toEqual([6]);
    const again = await s.checkPage(page, { tabId: 6 });
    expect(again.duplicates.concat(again.partial).map((m) => m.id)).toContain(teamOnly.id);
  });

  it('mergeTeamResult keeps each list ordered and a story once', () => {
    const m = (id: string, share: number) => ({ id, title: id, collection: 'c', kind: 'partial' as const, pageShare: share, storyShare: share, passages: [] });
    const r = mergeTeamResult(
      { duplicates: [], partial: [m('a', 0.3)], related: [{ id: 'b', title: 'b', collection: 'c', score: 0.5, terms: [] }], pageWords: 10 },
      { duplicates: [], partial: [m('a', 0.3), m('b', 0.6)], related: [{ id: 'c', title: 'c', collection: 'c', score: 0.7, terms: [] }], pageWords: 10 },
    );
    expect(r.partial.map((x) => [x.id, x.team])).toEqual([['b', true], ['a', undefined]]);
    expect(r.related.map((x) => [x.id, x.team])).toEqual([['c', true]]);
  });
});
