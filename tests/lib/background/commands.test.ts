// The keyboard commands: what each asks of the tab's content script, and shortcuts within
// Chrome's rules (a modifier, at most four suggested keys, none twice).
import { describe, expect, it } from 'vitest';
import { COMMANDS, SHORTCUTS, commandMessage } from '../../../lib/background/commands';

describe('commandMessage', () => {
  it('maps each command to its content-script message, and nothing else to anything', () => {
    expect(commandMessage(COMMANDS.checkPage)).toEqual({ type: 'checkNow', payload: {} });
    expect(commandMessage(COMMANDS.nextBadge)).toEqual({ type: 'focusBadge', payload: { dir: 1 } });
    expect(commandMessage(COMMANDS.previousBadge)).toEqual({ type: 'focusBadge', payload: { dir: -1 } });
    expect(commandMessage('_execute_action')).toBeNull();
    expect(commandMessage('__proto__')).toBeNull();
  });
});

describe('SHORTCUTS', () => {
  it('gives every command and the popup a distinct Alt+Shift key, four in all', () => {
    const keys = Object.values(SHORTCUTS);
    expect(Object.keys(SHORTCUTS).sort()).toEqual(['_execute_action', ...Object.values(COMMANDS)].sort());
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    for (const k of keys) expect(k).toMatch(/^Alt\+Shift\+[A-Z]$/);
  });
});
