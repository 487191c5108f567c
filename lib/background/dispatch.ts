// The background's one entry point for runtime messages: checks who sent it and the envelope's
// shape, routes it through the handler map by name, and turns every outcome into a Result.
import { err, ok, type MessageName, type Result } from '../protocol';
import type { Handler } from './check-handlers';
import type { SenderInfo } from './check-page';

/** The full handler map: one handler per message name (the compiler checks none is missing). */
export type HandlerMap = { [N in MessageName]: Handler<N> };

/** What the runtime tells us about a sender (a subset of runtime.MessageSender). */
export interface RuntimeSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** Which contexts may send a message: extension pages only, or also our content scripts. */
export type Audience = 'extension-pages' | 'pages-and-content';

/**
 * Messages a content script may send (it runs inside web pages, so it gets the least). Everything
 * else — corpus management, settings, export — is for the extension's own pages only.
 */
export const CONTENT_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>([
  'checkPage',
  'pagePolicy',
  'reportPageStatus',
  'openViewer',
  'setSiteRule',
]);

export interface DispatchOptions {
  /** This extension's id (runtime.id). */
  extensionId: string;
  /** Origin of the extension's pages, e.g. chrome-extension://<id> (from runtime.getURL('')). */
  extensionOrigin: string;
  /** Where rejected messages are reported. */
  log?: (reason: string, detail: Record<string, unknown>) => void;
}

export type Dispatch = (message: unknown, sender: RuntimeSender) => Promise<Result<unknown>>;

/** Builds the dispatcher. It never throws; every reply is a Result. */
export function createDispatcher(handlers: HandlerMap, opts: DispatchOptions): Dispatch {
  const origin = opts.extensionOrigin.replace(/\/+$/, '');
  const log = opts.log ?? ((reason, detail) => console.warn(`StoryTrace background: ${reason}`, detail));
  const reject = (reason: string, detail: Record<string, unknown>) => {
    log(reason, detail);
    return err(reason);
  };

  return async (message, sender) => {
    const from = { sender: sender?.url ?? sender?.origin ?? '(unknown)' };
    // Only this extension's contexts: no externally_connectable is declared, but check anyway.
    if (!sender || sender.id !== opts.extensionId) return reject('Message refused: not from this extension', from);
    if (!message || typeof message !== 'object' || Array.isArray(message)) return reject('Message refused: not an envelope', from);
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    // Own keys only: "__proto__", "constructor" and friends never reach a handler.
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type))
      return reject('Message refused: unknown message type', { ...from, type: String(type).slice(0, 60) });
    const name = type as MessageName;
    const fromExtensionPage = isExtensionPage(sender, origin);
    if (!fromExtensionPage) {
      // A content script: it runs in a tab; anything else (e.g. another extension's page) is refused.
      if (!sender.tab || !CONTENT_MESSAGES.has(name)) return reject(`Message refused: ${name} is for the extension's own pages`, { ...from, type: name });
    }
    const info: SenderInfo = {};
    if (typeof sender.tab?.id === 'number') info.tabId = sender.tab.id;
    const url = sender.tab?.url ?? sender.url;
    if (typeof url === 'string') info.url = url;
    try {
      const handler = handlers[name] as (p: unknown, s: SenderInfo) => Promise<unknown>;
      return ok(await handler(payload ?? null, info));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return err(msg || `${name} failed`);
    }
  };
}

function isExtensionPage(sender: RuntimeSender, origin: string): boolean {
  const url = sender.url ?? '';
  return url === origin || url.startsWith(origin + '/');
}
