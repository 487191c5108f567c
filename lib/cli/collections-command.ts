// `storytrace collections --db URL [--delete NAME]`: lists the team index's collections (one JSON
// object each) or removes one, with its stories and postings, in one transaction.
import { openPostgresBackend } from '../index/postgres/backend';
import type { CollectionInfo } from '../index/types';

export interface CollectionsArgs {
  db: string;
  delete?: string;
  /** Fold posting rows after a removal, dropping its entries for good (default on). */
  compact: boolean;
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function parseCollectionsArgs(args: string[], usage: (msg: string) => Error): CollectionsArgs {
  const a: CollectionsArgs = { db: '', compact: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--db') a.db = value();
    else if (arg === '--delete') a.delete = value();
    else if (arg === '--no-compact') a.compact = false;
    else throw usage(`unknown argument ${arg}`);
  }
  if (!a.db) throw usage('collections needs --db postgres://user@host:port/database');
  return a;
}

/** The collection NAME names: its id, else the one collection of that name. */
export function findCollection(all: CollectionInfo[], name: string): CollectionInfo {
  const byId = all.find((c) => c.id === name);
  if (byId) return byId;
  const byName = all.filter((c) => c.name === name);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new Error(`${byName.length} collections are named "${name}": give its id (${byName.map((c) => c.id).join(', ')})`);
  throw new Error(`no collection "${name}" (storytrace collections --db URL lists them)`);
}

export async function collectionsCommand(a: CollectionsArgs, io: Io): Promise<number> {
  const backend = await openPostgresBackend(a.db);
  try {
    const all = await backend.listCollections();
    if (a.delete === undefined) {
      for (const c of all) io.out(JSON.stringify(c));
      return 0;
    }
    const c = findCollection(all, a.delete);
    await backend.removeCollection(c.id);
    io.out(JSON.stringify({ deleted: c.id, name: c.name, stories: c.stories }));
    if (a.compact) {
      const t0 = performance.now();
      const r = await backend.compact();
      io.err(`compacted the posting rows (${r.fingerprintRowsBefore.toLocaleString('en-US')} → ${r.fingerprintRowsAfter.toLocaleString('en-US')} fingerprint rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}
