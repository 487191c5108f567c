// The team index (PostgreSQL) opened for one CLI command and closed after it, for `check --db`.
import { openPostgresBackend } from '../index/postgres/backend';
import { StoryIndex } from '../index/story-index';

export async function withTeamIndex<T>(url: string, run: (index: StoryIndex) => Promise<T>): Promise<T> {
  const backend = await openPostgresBackend(url);
  try {
    return await run(new StoryIndex(backend));
  } finally {
    await backend.close();
  }
}
