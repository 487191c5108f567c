// WXT build configuration: Preact, the webextension-polyfill module, and the smallest manifest
// that does the job (see README "Permissions").
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { COMMANDS, SHORTCUTS } from './lib/background/commands';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The Firefox add-on id (browser_specific_settings.gecko.id): never change it, or Firefox treats
 *  the extension as a new one with an empty corpus. */
const FIREFOX_ID = 'storytrace@storytrace.local';

/** The UI's messages live beside their lookup (lib/i18n/, which Node and the tests read too) rather
 *  than in a top-level public/ folder; the build copies them to the extension's _locales/. */
const LOCALES_DIR = resolve(import.meta.dirname, 'lib/i18n/_locales');

export default defineConfig({
  // STORYTRACE_OUT lets parallel builds (several end-to-end runs on one checkout) keep apart.
  outDir: process.env.STORYTRACE_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // MV3 for Firefox too (.output/firefox-mv3): the same `action`, `storage.session`,
  // `optional_host_permissions` and CSP as the Chrome build, so one code path serves both (the MV2
  // build had `browser_action` only, and `browser.action` was undefined there: no toolbar count).
  manifestVersion: 3,
  // WXT checks for these before the hook below adds them.
  suppressWarnings: { firefoxId: true, firefoxDataCollection: true },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const locale of readdirSync(LOCALES_DIR)) {
        files.push({ absoluteSrc: resolve(LOCALES_DIR, locale, 'messages.json'), relativeDest: `_locales/${locale}/messages.json` });
      }
    },
    // Firefox only (Chrome warns on the key): a stable id, so the corpus in IndexedDB is found
    // again after a reinstall, and the oldest Firefox with everything the extension uses (ESR 140:
    // MV3 host permissions granted at install since 127, CSS Custom Highlights and
    // data_collection_permissions since 140). StoryTrace collects nothing: "none".
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') return;
      (manifest as Record<string, unknown>).browser_specific_settings = {
        gecko: { id: FIREFOX_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      };
    },
  },
  manifest: {
    // browser.i18n picks the browser's language among lib/i18n/_locales, English otherwise.
    default_locale: 'en',
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    // WXT adds `sidePanel` to the Chrome build for entrypoints/sidepanel (private reading's side
    // panel); Firefox gets `sidebar_action` instead, which needs no permission.
    // `contextMenus`: "Check this text with StoryTrace" on selected text (README "Permissions").
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus'],
    // The team index (README "Team index"): asked for at run time, one origin at a time, when the
    // user sets a server up; never granted at install. Plain http only to this machine, as
    // lib/settings.ts cleanTeamUrl allows.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'StoryTrace' },
    // Keyboard: open the popup, check the page now, move between badges (lib/background/commands.ts
    // SHORTCUTS; the reader changes them at chrome://extensions/shortcuts or about:addons). Commands
    // need no permission, and their keys go to the browser, never to the page.
    commands: {
      _execute_action: { suggested_key: { default: SHORTCUTS._execute_action }, description: '__MSG_command_open_popup__' },
      [COMMANDS.checkPage]: { suggested_key: { default: SHORTCUTS[COMMANDS.checkPage] }, description: '__MSG_command_check_page__' },
      [COMMANDS.nextBadge]: { suggested_key: { default: SHORTCUTS[COMMANDS.nextBadge] }, description: '__MSG_command_next_badge__' },
      [COMMANDS.previousBadge]: { suggested_key: { default: SHORTCUTS[COMMANDS.previousBadge] }, description: '__MSG_command_previous_badge__' },
    },
  },
});
