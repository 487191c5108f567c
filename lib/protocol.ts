// Every message that crosses between extension contexts (content script, popup, options, viewer,
// background), one map per direction, and the Result value errors cross as.
import type { PageInput, QueryResult } from './index/types';
import type { Story } from './corpus/story';
import type { ReportedStatus, TabState } from './background/check-state';
import type { PagePolicy, SiteRule } from './background/check-policy';

/** Errors cross contexts as values: thrown Errors are not structured-cloneable everywhere. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: string): Result<T> => ({ ok: false, error });

/**
 * Messages the background answers: name → [request, response value].
 * Sections are owned by features; add a JSDoc line per message.
 */
export interface BackgroundProtocol {
  // --- reading (content script, popup) ---
  /** Check an extracted page against the corpus. */
  checkPage: [PageInput, QueryResult];
  /** What the content script does on a URL: check automatically, on click or never; draw badges or not. */
  pagePolicy: [{ url: string }, PagePolicy];
  /** A content script's word on a page it does not check (not an article, site off, click mode). */
  reportPageStatus: [{ status: ReportedStatus; url?: string; title?: string }, null];
  /** The reading state of a tab: status, checked text and result (popup, viewer). */
  getTabState: [{ tabId: number }, TabState | null];
  /** Ask a tab's content script to check its page now; `force` checks even a page that is not an article. */
  recheckTab: [{ tabId: number; force?: boolean }, null];
  /** Store the tab's last checked page as a story of the "Pages you added" collection. */
  addTabPage: [{ tabId: number }, { id: string; added: boolean }];
  /** Add a site to "never check" or to "hide badges" (removed again with `remove`). */
  setSiteRule: [{ site: string; rule: SiteRule; remove?: boolean }, null];
  /** A stored story with its full text, for the story viewer; null when it is not in the corpus. */
  getStory: [{ id: string }, Story | null];
  /** Open the story viewer on a story matched in a tab (from a badge card). */
  openViewer: [{ storyId: string; tabId?: number }, null];
}

export type MessageName = keyof BackgroundProtocol;
export type RequestOf<N extends MessageName> = BackgroundProtocol[N][0];
export type ResponseOf<N extends MessageName> = BackgroundProtocol[N][1];

/** The envelope on the wire. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}

// --- reading: messages the content script answers (sent with tabs.sendMessage) ---
export interface ContentProtocol {
  /** Check the page now, even in click mode; `force` also checks a page that is not an article. */
  checkNow: [{ force?: boolean }, null];
}

export type ContentMessageName = keyof ContentProtocol;

/** The envelope of a message to a content script. */
export interface ContentEnvelope<N extends ContentMessageName = ContentMessageName> {
  type: N;
  payload: ContentProtocol[N][0];
}
