// The reading messages' handlers, for the background's one handler map. Thin: each validates its
// payload and calls CheckService or the settings; browser APIs come in through ReadingDeps.
import type { ContentEnvelope, MessageName, RequestOf, ResponseOf } from '../protocol';
import { siteOf } from '../page/format';
import type { CheckService, SenderInfo } from './check-page';
import type { SelectionChecks } from './check-selection';
import { pagePolicy, siteRulePatch, type ReadingSettings } from './check-policy';

/** A message handler: the request and who sent it → the response value (errors are thrown here
 *  and turned into a Result by the dispatcher). */
export type Handler<N extends MessageName> = (payload: RequestOf<N>, sender: SenderInfo) => Promise<ResponseOf<N>>;

export type ReadingMessage =
  | 'checkPage'
  | 'pagePolicy'
  | 'reportPageStatus'
  | 'getTabState'
  | 'recheckTab'
  | 'addTabPage'
  | 'setSiteRule'
  | 'getStory'
  | 'getStoryCluster'
  | 'openViewer'
  | 'checkText'
  | 'getSelectionCheck';

export interface ReadingDeps {
  service: CheckService;
  /** Checks of selected text (the context menu, the selection page). */
  selections: SelectionChecks;
  settings(): Promise<ReadingSettings>;
  updateSettings(patch: Partial<ReadingSettings>): Promise<void>;
  /** Delivers a message to a tab's content script (rejects when there is none). */
  sendToTab(tabId: number, message: ContentEnvelope): Promise<unknown>;
  /** Opens the story viewer in a new tab next to `openerTabId`. */
  openViewer(storyId: string, tabId?: number): Promise<void>;
}

function tabIdOf(payload: unknown): number {
  const id = (payload as { tabId?: unknown } | null)?.tabId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new Error('A tab id is required');
  return id;
}

export function readingHandlers(d: ReadingDeps): { [N in ReadingMessage]: Handler<N> } {
  return {
    checkPage: (page, sender) => d.service.checkPage(page, sender),
    pagePolicy: async (req, sender) => pagePolicy(await d.settings(), String(req?.url ?? sender.url ?? '')),
    reportPageStatus: async (req, sender) => {
      await d.service.reportStatus(req, sender);
      return null;
    },
    getTabState: (req) => d.service.tabState(tabIdOf(req)),
    recheckTab: async (req) => {
      const tabId = tabIdOf(req);
      d.service.clearCache();
      try {
        await d.sendToTab(tabId, { type: 'checkNow', payload: { force: req.force === true } });
      } catch {
        throw new Error('StoryTrace cannot read this page (reload it if it was open before the extension)');
      }
      return null;
    },
    addTabPage: (req) => d.service.addTabPage(tabIdOf(req)),
    setSiteRule: async (req) => {
      if (req?.rule !== 'never-check' && req?.rule !== 'hide-badges' && req?.rule !== 'investigate') throw new Error('Unknown site rule');
      const site = siteOf(req.site) || String(req.site ?? '');
      await d.updateSettings(siteRulePatch(await d.settings(), site, req.rule, req.remove === true));
      return null;
    },
    getStory: (req) => d.service.story(String(req?.id ?? '')),
    getStoryCluster: (req) => d.service.cluster(String(req?.id ?? '')),
    openViewer: async (req, sender) => {
      if (typeof req?.storyId !== 'string' || !req.storyId) throw new Error('A story id is required');
      const tabId = typeof req.tabId === 'number' ? req.tabId : sender.tabId;
      await d.openViewer(req.storyId, tabId);
      return null;
    },
    checkText: async (req) => ({ id: await d.selections.start(req?.text, { url: req?.url, title: req?.title }) }),
    getSelectionCheck: (req) => d.selections.state(req?.id),
  };
}
