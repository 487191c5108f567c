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
 * Default shortcuts: Alt+Shift and a letter, free in Chrome and Firefox on every desktop system
 * and in neither's own shortcut list; J/K as in mail and feed readers. Chrome takes at most four
 * suggested keys per extension: these and the popup's.
 */
export const SHORTCUTS = {
  _execute_action: 'Alt+Shift+S',
  [COMMANDS.checkPage]: 'Alt+Shift+C',
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
