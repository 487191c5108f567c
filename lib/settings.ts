// The user's settings: type, defaults, and validation of untrusted values (a stored row from an
// older version, or a message payload) into a clean Settings.
import type { Sensitivity } from './index/types';

export interface Settings {
  /** How readily pages are reported as copies or related. */
  sensitivity: Sensitivity;
  /** Check every article automatically, or only when the toolbar button is clicked. */
  mode: 'auto' | 'click';
  /** Host names never checked (a site covers its subdomains). */
  neverCheckSites: string[];
  /** Host names on which inline badges are not drawn. */
  hiddenBadgeSites: string[];
  /** The team index server's base URL (`storytrace serve`), '' for none: then nothing is ever sent. */
  teamUrl: string;
  /** The analyst's bearer token for the team index. */
  teamToken: string;
  /** Private reading everywhere: pages are left untouched, results only in the toolbar, popup and side panel. */
  privateReading: boolean;
  /** "Sites I investigate": private reading on these whatever `privateReading` says. */
  investigateSites: string[];
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  sensitivity: 'normal',
  mode: 'auto',
  neverCheckSites: [],
  hiddenBadgeSites: [],
  teamUrl: '',
  teamToken: '',
  privateReading: false,
  investigateSites: [],
}) as Settings;

/** Longest site list kept: a user types these one by one; thousands is a hostile payload. */
export const MAX_SITES = 1000;

const SENSITIVITIES: readonly Sensitivity[] = ['strict', 'normal', 'loose'];
const MODES: readonly Settings['mode'][] = ['auto', 'click'];

/**
 * A host name from what a user typed or pasted: a URL or a bare host, lower-cased, without
 * "www.", a port or a trailing dot. Undefined when it is not a plausible host name.
 */
export function cleanHost(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  let s = input.trim().toLowerCase();
  if (!s || s.length > 2048) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return undefined;
    }
  } else s = s.split(/[/?#]/)[0].replace(/:\d+$/, '');
  s = s.replace(/^www\./, '').replace(/\.$/, '');
  if (s.length === 0 || s.length > 253) return undefined;
  // Unicode letters allowed (internationalized names as typed); no spaces, no markup.
  if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u.test(s)) return undefined;
  if (s.split('.').some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-'))) return undefined;
  return s;
}

/** A clean, de-duplicated, bounded list of hosts; invalid entries are dropped and reported. */
export function cleanHosts(input: unknown): { hosts: string[]; rejected: string[] } {
  const hosts: string[] = [];
  const rejected: string[] = [];
  if (!Array.isArray(input)) return { hosts, rejected };
  const seen = new Set<string>();
  for (const item of input.slice(0, MAX_SITES * 2)) {
    const h = cleanHost(item);
    if (!h) {
      rejected.push(String(item).slice(0, 80));
      continue;
    }
    if (seen.has(h)) continue;
    seen.add(h);
    if (hosts.length < MAX_SITES) hosts.push(h);
  }
  return { hosts, rejected };
}

/** Longest team token kept (the server's are far shorter). */
const MAX_TOKEN_CHARS = 512;

/**
 * A team index URL as typed: http(s) with a host, no credentials, query or fragment, trailing
 * slashes dropped. Plain http only to this machine (a token sent in clear over a network is a
 * token given away). Throws with the reason; '' stays '' (no team index).
 */
export function cleanTeamUrl(input: unknown): string {
  if (typeof input !== 'string') throw new Error('The team index URL must be text');
  const s = input.trim();
  if (!s) return '';
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new Error('The team index URL is not a URL (e.g. https://index.example.org)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('The team index URL must start with https://');
  if (u.username || u.password || u.search || u.hash) throw new Error('The team index URL must have no user name, password, query or fragment');
  const local = ['127.0.0.1', 'localhost'].includes(u.hostname);
  if (u.protocol === 'http:' && !local) throw new Error('A team index on another machine must use https://');
  return (u.origin + u.pathname).replace(/\/+$/, '');
}

/** The match pattern of a team index's origin: the one host permission the extension asks for. */
export function teamOriginPattern(teamUrl: string): string {
  const u = new URL(teamUrl);
  // Match patterns name a host, not a port: a port would be refused by Firefox.
  return `${u.protocol}//${u.hostname}/*`;
}

function cleanTeamToken(input: unknown): string {
  if (typeof input !== 'string') throw new Error('The team token must be text');
  const t = input.trim();
  if (t.length > MAX_TOKEN_CHARS || /[^\x21-\x7e]/.test(t)) throw new Error('The team token must be printable ASCII without spaces');
  return t;
}

const orEmpty = (f: (v: unknown) => string, v: unknown): string => {
  try {
    return f(v);
  } catch {
    return '';
  }
};

/** Settings from any value: every field checked, anything wrong replaced by its default. */
export function normalizeSettings(input: unknown): Settings {
  const o = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  return {
    sensitivity: SENSITIVITIES.includes(o.sensitivity as Sensitivity) ? (o.sensitivity as Sensitivity) : DEFAULT_SETTINGS.sensitivity,
    mode: MODES.includes(o.mode as Settings['mode']) ? (o.mode as Settings['mode']) : DEFAULT_SETTINGS.mode,
    neverCheckSites: cleanHosts(o.neverCheckSites).hosts,
    hiddenBadgeSites: cleanHosts(o.hiddenBadgeSites).hosts,
    teamUrl: orEmpty(cleanTeamUrl, o.teamUrl ?? ''),
    teamToken: orEmpty(cleanTeamToken, o.teamToken ?? ''),
    privateReading: o.privateReading === true,
    investigateSites: cleanHosts(o.investigateSites).hosts,
  };
}

/**
 * Applies a patch from an untrusted sender. Unlike normalizeSettings it refuses bad values with a
 * message (the options form shows it) instead of silently replacing them; unknown keys are refused.
 */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('Settings must be an object');
  const next: Settings = { ...normalizeSettings(current) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    switch (key) {
      case 'sensitivity':
        if (!SENSITIVITIES.includes(value as Sensitivity)) throw new Error(`Sensitivity must be one of ${SENSITIVITIES.join(', ')}`);
        next.sensitivity = value as Sensitivity;
        break;
      case 'mode':
        if (!MODES.includes(value as Settings['mode'])) throw new Error(`Mode must be one of ${MODES.join(', ')}`);
        next.mode = value as Settings['mode'];
        break;
      case 'privateReading':
        if (typeof value !== 'boolean') throw new Error('Private reading must be on or off');
        next.privateReading = value;
        break;
      case 'neverCheckSites':
      case 'hiddenBadgeSites':
      case 'investigateSites': {
        if (!Array.isArray(value)) throw new Error(`${key} must be a list of site names`);
        if (value.length > MAX_SITES) throw new Error(`At most ${MAX_SITES} sites`);
        const { hosts, rejected } = cleanHosts(value);
        if (rejected.length) throw new Error(`Not a site name: ${rejected.slice(0, 3).map((r) => JSON.stringify(r)).join(', ')}`);
        next[key] = hosts;
        break;
      }
      case 'teamUrl':
        next.teamUrl = cleanTeamUrl(value);
        break;
      case 'teamToken':
        next.teamToken = cleanTeamToken(value);
        break;
      default:
        throw new Error(`Unknown setting: ${key.slice(0, 40)}`);
    }
  }
  return next;
}
