// The keyboard commands (manifest `commands`) and the context menu item, by name, and what each
// command asks of the tab's content script. The shortcuts are the browser's: a page's scripts never
// see those keys, and the reader can change them (chrome://extensions/shortcuts, about:addons).
import type { ContentEnvelope } from '../protocol';

/** The context menu item on selected text. */
export const SELECTION_MENU_ID = 'storytrace-check-selection';

/** Command names, as in the manifest. (`_execute_action`, which opens the popup, is the browser's.) */
export const COMMANDS = {
  checkPage: 'check-page',
  nextBadge: 'next-badge',
  previousBadge: 'previous-badge',
} as const;

/**
 * Default shortcuts (wxt.config.ts puts them in the manifest): Alt+Shift and a letter, in neither
 * Chrome's nor Firefox's own shortcut lists; J/K as in mail and feed readers. Chrome takes at most
 * four suggested keys per extension: these. (Chromium 156 leaves Alt+Shift+C unassigned, so the
 * check is on Y; tests/e2e/keyboard.e2e.ts reads back what the browser assigned.)
 */
export const SHORTCUTS = {
  _execute_action: 'Alt+Shift+S',
  [COMMANDS.checkPage]: 'Alt+Shift+Y',
  [COMMANDS.nextBadge]: 'Alt+Shift+J',
  [COMMANDS.previousBadge]: 'Alt+Shift+K',
} as const;

/** The content-script message a command sends to the active tab; null for an unknown command. */
export function commandMessage(command: string): ContentEnvelope | null {
  switch (command) {
    case COMMANDS.checkPage:
      return { type: 'checkNow', payload: {} };
    case COMMANDS.nextBadge:
      return { type: 'focusBadge', payload: { dir: 1 } };
    case COMMANDS.previousBadge:
      return { type: 'focusBadge', payload: { dir: -1 } };
    default:
      return null;
  }
}
