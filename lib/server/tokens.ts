// The analysts' bearer tokens, read from the --tokens file: who may read (check, stories,
// collections) and who may also write (import). Tokens are compared by their SHA-256 digests, so a
// look-up takes the same time whatever a guess shares with a real token.
import { createHash } from 'node:crypto';

export type Access = 'read' | 'write';

export interface TokenEntry {
  analyst: string;
  access: Access;
  /** Epoch milliseconds after which the token is refused; absent: never. */
  expires?: number;
}

/** Result of presenting an Authorization header. */
export type AuthOutcome = { ok: true; entry: TokenEntry } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/** Shortest token accepted in the file: shorter ones are guessable. */
const MIN_TOKEN_CHARS = 16;

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export class TokenTable {
  private readonly byDigest = new Map<string, TokenEntry>();

  /**
   * `text`: JSON, an array of {analyst, token, access: "read"|"write", expires?: ISO 8601}, or an
   * object {tokens: [...]}. Instead of `token` an entry may give `sha256` (hex digest of the token),
   * so the file need not hold the secrets. Throws with the entry's number on anything else.
   */
  static parse(text: string): TokenTable {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`tokens file is not JSON: ${(e as Error).message}`);
    }
    const list = Array.isArray(data) ? data : (data as { tokens?: unknown })?.tokens;
    if (!Array.isArray(list)) throw new Error('tokens file must be an array of tokens or {"tokens": [...]}');
    const table = new TokenTable();
    list.forEach((raw, i) => {
      const where = `tokens file, entry ${i + 1}`;
      const e = raw as Record<string, unknown>;
      if (typeof e !== 'object' || e === null) throw new Error(`${where}: not an object`);
      if (typeof e.analyst !== 'string' || !e.analyst.trim()) throw new Error(`${where}: "analyst" must name the analyst`);
      if (e.access !== 'read' && e.access !== 'write') throw new Error(`${where}: "access" must be "read" or "write"`);
      let d: string;
      if (typeof e.token === 'string') {
        if (e.token.length < MIN_TOKEN_CHARS) throw new Error(`${where}: the token is shorter than ${MIN_TOKEN_CHARS} characters`);
        d = digest(e.token);
      } else if (typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(e.sha256)) d = e.sha256.toLowerCase();
      else throw new Error(`${where}: needs "token" or "sha256"`);
      let expires: number | undefined;
      if (e.expires !== undefined) {
        expires = typeof e.expires === 'string' ? Date.parse(e.expires) : NaN;
        if (!Number.isFinite(expires)) throw new Error(`${where}: "expires" must be an ISO 8601 date`);
      }
      if (table.byDigest.has(d)) throw new Error(`${where}: the same token is listed twice`);
      table.byDigest.set(d, { analyst: e.analyst.trim(), access: e.access, ...(expires !== undefined ? { expires } : {}) });
    });
    return table;
  }

  get size(): number {
    return this.byDigest.size;
  }

  /** Checks an Authorization header ("Bearer TOKEN") at time `now`. */
  authenticate(header: string | undefined, now = Date.now()): AuthOutcome {
    const m = /^Bearer +([^\s]+)\s*$/i.exec(header ?? '');
    if (!m) return { ok: false, reason: 'missing' };
    const entry = this.byDigest.get(digest(m[1]));
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.expires !== undefined && now >= entry.expires) return { ok: false, reason: 'expired' };
    return { ok: true, entry };
  }
}
