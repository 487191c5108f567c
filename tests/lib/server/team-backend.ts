// The index the server tests run on. Until the PostgreSQL backend exists, the memory backend with
// term ids; see git history for the switch.
import type { IndexBackend } from '../../../lib/index/types';
import { MemoryWithTermIds } from './memory-term-ids';

export interface TeamBackend {
  backend: IndexBackend;
  close(): Promise<void>;
}

export async function teamBackend(): Promise<TeamBackend> {
  return { backend: new MemoryWithTermIds(), close: async () => {} };
}
