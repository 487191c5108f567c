// Every message that crosses between extension contexts (content script, popup, options, viewer,
// background), one map per direction, and the Result value errors cross as.
import type { StoryCluster } from './provenance/story-cluster';
import type { PageInput, QueryResult } from './index/types';
import type { Story } from './corpus/story';
import type { ReportedStatus, TabState } from './background/check-state';
import type { PagePolicy, SiteRule } from './background/check-policy';
import type { CollectionView } from './index/dexie/backend';
import type { ImportJob } from './import/job-types';
import type { Settings } from './settings';
import type { TeamTestResult } from './background/team-index';
import type { SelectionState } from './background/check-selection';

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
  /** Check an extracted page against the corpus: answers with its reuse, for the badges. */
  checkPage: [PageInput, PageAnswer];
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
  /** The reprint cluster a stored story belongs to (origin → copies → copies of copies), for the
   *  viewer's propagation tree; null when the story is not in the corpus. */
  getStoryCluster: [{ id: string }, StoryCluster | null];
  /** Open the story viewer on a story matched in a tab (from a badge card). */
  openViewer: [{ storyId: string; tabId?: number }, null];
  /** Check a piece of text (what the "Check this text" context menu sends; untrusted, capped):
   *  answers the id of its check at once, the check goes on (extension pages only). */
  checkText: [{ text: string; url?: string; title?: string }, { id: string }];
  /** A text check's state (the selection page): waits while it runs; null for an unknown id. */
  getSelectionCheck: [{ id: string }, SelectionState | null];

  // --- corpus (options page) ---
  /** Every collection, oldest first, with its state ('deleting' while its rows go). */
  listCollections: [null, CollectionView[]];
  /** Include a collection in matching, or leave it out. */
  setCollectionEnabled: [{ id: string; enabled: boolean }, null];
  /** Delete a collection: gone from matching at once, its rows removed in the background. */
  deleteCollection: [{ id: string }, null];
  /** One page of a collection's stories in key order, for the JSON Lines export (`after`: last key seen, -1 first). */
  exportCollectionPage: [{ id: string; after: number; limit: number }, ExportPage];
  /** Import jobs, newest first; a 'running' job whose worker is gone (page closed) is reported, and stored, as 'interrupted'. */
  listImportJobs: [null, ImportJob[]];
  /** Forget finished jobs (the collection they made stays). */
  clearImportJobs: [null, null];
  /** An import job ended: drop cached page results and run index upkeep (finish pending deletes). */
  corpusChanged: [null, null];
  /** Space used by the extension and the corpus' size. */
  storageUsage: [null, StorageUsage];
  /** The user's settings. */
  getSettings: [null, Settings];
  /** Change some settings; every value is validated, the stored result returned. */
  setSettings: [Partial<Settings>, Settings];

  // --- team index (options page) ---
  /** Try a team index URL and token (its origin's permission granted first): reach the server and
   *  have it accept the token; answers the status and the team corpus' size. */
  testTeamIndex: [{ url: string; token: string }, TeamTestResult];
}

/**
 * checkPage's answer: duplicates and partial reuse, sent as soon as they are known. Related stories
 * are found after it (only the popup shows them) and reach the popup through getTabState.
 */
export type PageAnswer = Omit<QueryResult, 'related'> & { related: [] };

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
  /** The reading round's marks on this page (timings, badge count) for tests and benchmarks, with
   *  the document's address and time origin to tell tabs apart. Never put where the page reads it. */
  readingMarks: [null, { url: string; timeOrigin: number; marks: { name: string; at: number; detail?: Record<string, unknown> }[] }];
  /** Move keyboard focus to the next (1) or previous (-1) badge of the overlay (a keyboard
   *  command); answers whether a badge took focus. */
  focusBadge: [{ dir: 1 | -1 }, boolean];
}

export type ContentMessageName = keyof ContentProtocol;

/** The envelope of a message to a content script. */
export type ContentEnvelope<N extends ContentMessageName = ContentMessageName> = {
  // One member per message name, so that checking `type` narrows `payload`.
  [K in N]: { type: K; payload: ContentProtocol[K][0] };
}[N];

// --- corpus (options page): the page ↔ its import worker (postMessage, structured clone) ---

/** One page of an export. */
export interface ExportPage {
  stories: Story[];
  /** Key of the last story of the page: pass it as `after` for the next; null when done. */
  last: number | null;
}

/** Storage figures for the options page. */
export interface StorageUsage {
  /** Bytes the browser counts for the extension (navigator.storage.estimate), if known. */
  usage?: number;
  quota?: number;
  stories: number;
  /** Characters of story title and text stored. */
  textChars: number;
  collections: number;
}

/** A file handed to the import worker (a File from the picker, a folder or a drop). */
export interface ImportSource {
  name: string;
  blob: Blob;
}

/** Requests the options page sends its import worker. */
export type ImportWorkerRequest =
  /** Import files into a new collection; the worker answers with `progress` events then `finished`. */
  | { type: 'start'; jobId: string; collection: { id: string; name: string }; files: ImportSource[] }
  /** Stop at the next batch boundary. */
  | { type: 'cancel'; jobId: string };

/** Events the import worker posts back. */
export type ImportWorkerEvent =
  | { type: 'progress'; job: ImportJob }
  | { type: 'finished'; job: ImportJob }
  /** The worker could not run the job at all (e.g. the database would not open). */
  | { type: 'failed'; jobId: string; error: string };

