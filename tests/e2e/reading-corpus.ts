// Puts the seed corpus into the extension under test, through the same path a user takes.
import type { ExtensionSession } from './support/extension';
import type { Bridge } from './reading-helpers';

/** Imports tests/fixtures/seeds into the extension (no-op when the corpus already holds them). */
export async function importSeedCorpus(_s: ExtensionSession, _bg: Bridge): Promise<void> {
  // Filled in once the options page's import is in place (see the index issue).
}
