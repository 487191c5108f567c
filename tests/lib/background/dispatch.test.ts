// The background dispatcher: only this extension's contexts get through, content scripts only to
// the reading messages, envelopes are checked, and every outcome is a Result.
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_MESSAGES, createDispatcher, type HandlerMap, type RuntimeSender } from '../../../lib/background/dispatch';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const optionsPage: RuntimeSender = { id: ID, url: `${ORIGIN}/options.html`, tab: { id: 3, url: `${ORIGIN}/options.html` } };
const contentScript: RuntimeSender = { id: ID, url: 'https://news.example/story', tab: { id: 7, url: 'https://news.example/story' }, frameId: 0 };

function setup() {
  const calls: { name: string; payload: unknown; sender: unknown }[] = [];
  const names = ['checkPage', 'pagePolicy', 'getSettings', 'setSettings', 'deleteCollection', 'listCollections', 'openViewer'];
  const map = Object.fromEntries(
    names.map((name) => [
      name,
      async (payload: unknown, sender: unknown) => {
        calls.push({ name, payload, sender });
        if (name === 'deleteCollection') throw new Error('No such collection');
        return { echo: payload };
      },
    ]),
  ) as unknown as HandlerMap;
  const log = vi.fn();
  const dispatch = createDispatcher(map, { extensionId: ID, extensionOrigin: ORIGIN + '/', log });
  return { dispatch, calls, log };
}

describe('createDispatcher', () => {
  it('answers an extension page with the handler value as a Result', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch({ type: 'getSettings', payload: null }, optionsPage)).toEqual({ ok: true, value: { echo: null } });
    expect(calls[0].sender).toEqual({ tabId: 3, url: `${ORIGIN}/options.html` });
  });

  it('turns a handler error into an error Result', async () => {
    const { dispatch } = setup();
    expect(await dispatch({ type: 'deleteCollection', payload: { id: 'x' } }, optionsPage)).toEqual({ ok: false, error: 'No such collection' });
  });

  it('lets a content script send reading messages, with its tab and page URL', async () => {
    const { dispatch, calls } = setup();
    const r = await dispatch({ type: 'checkPage', payload: { text: 'hello' } }, contentScript);
    expect(r.ok).toBe(true);
    expect(calls[0].sender).toEqual({ tabId: 7, url: 'https://news.example/story' });
  });

  it.each(['setSettings', 'deleteCollection', 'listCollections', 'getSettings'])('refuses %s from a content script', async (type) => {
    const { dispatch, calls, log } = setup();
    const r = await dispatch({ type, payload: { id: 'x' } }, contentScript);
    expect(r).toEqual({ ok: false, error: `Message refused: ${type} is for the extension's own pages` });
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalledOnce();
  });

  it('keeps the content script list to reading messages', () => {
    for (const name of ['setSettings', 'deleteCollection', 'exportCollectionPage', 'listImportJobs', 'setCollectionEnabled'])
      expect(CONTENT_MESSAGES.has(name as never)).toBe(false);
  });

  it.each([
    ['another extension', { ...optionsPage, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
    ['no id (a web page through some bridge)', { url: 'https://evil.example/' }],
    ['an extension page of another origin', { id: ID, url: 'chrome-extension://other/options.html' }],
  ] as [string, RuntimeSender][])('refuses a message from %s', async (_what, sender) => {
    const { dispatch, calls } = setup();
    const r = await dispatch({ type: 'checkPage', payload: { text: 'x' } }, sender);
    expect(r.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it.each([null, undefined, 42, 'checkPage', [], ['checkPage'], { payload: {} }, { type: 7 }, { type: 'nope' }, { type: '__proto__' }, { type: 'constructor' }, { type: 'toString' }, { type: 'hasOwnProperty' }])(
    'refuses the malformed envelope %j',
    async (message) => {
      const { dispatch, calls, log } = setup();
      const r = await dispatch(message, optionsPage);
      expect(r.ok).toBe(false);
      expect(calls).toEqual([]);
      expect(log).toHaveBeenCalled();
    },
  );
});
