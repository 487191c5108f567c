// What the content script does on a given page, decided from the user's settings (pure).
import { onSites, siteOf } from '../page/format';

/** The settings reading depends on (a subset of the extension's settings). */
export interface ReadingSettings {
  /** Check every article automatically, or only when the toolbar button is clicked. */
  mode: 'auto' | 'click';
  /** Sites (host names; subdomains included) never checked. */
  neverCheckSites: string[];
  /** Sites on which inline badges are not drawn (the toolbar badge and popup still work). */
  hiddenBadgeSites: string[];
  /** Private reading on every site. */
  privateReading?: boolean;
  /** Sites read privately whatever `privateReading` says ("sites I investigate"). */
  investigateSites?: string[];
}

/** The content script's instructions for one page. */
export interface PagePolicy {
  check: 'auto' | 'click' | 'never';
  showBadges: boolean;
  /** Private reading: put nothing in the page at all (no overlay); results only in extension pages. */
  private?: boolean;
}

/** The per-site lists a user edits from a page. */
export type SiteRule = 'never-check' | 'hide-badges' | 'investigate';

export function pagePolicy(settings: ReadingSettings, url: string): PagePolicy {
  if (!siteOf(url)) return { check: 'never', showBadges: false }; // only web pages are read
  if (onSites(url, settings.neverCheckSites ?? [])) return { check: 'never', showBadges: false };
  const privately = settings.privateReading === true || onSites(url, settings.investigateSites ?? []);
  return {
    check: settings.mode === 'click' ? 'click' : 'auto',
    showBadges: !privately && !onSites(url, settings.hiddenBadgeSites ?? []),
    ...(privately ? { private: true } : {}),
  };
}

/** The settings change that adds (or removes) a site to one of the lists. */
export function siteRulePatch(
  settings: ReadingSettings,
  site: string,
  rule: SiteRule,
  remove = false,
): Partial<Pick<ReadingSettings, 'neverCheckSites' | 'hiddenBadgeSites' | 'investigateSites'>> {
  const host = site.trim().toLowerCase().replace(/^www\./, '');
  if (!/^[\p{L}\p{N}.-]{1,253}$/u.test(host)) throw new Error(`Not a site name: ${site.slice(0, 80)}`);
  const key = rule === 'never-check' ? 'neverCheckSites' : rule === 'investigate' ? 'investigateSites' : 'hiddenBadgeSites';
  const list = (settings[key] ?? []).filter((s) => s.trim().toLowerCase().replace(/^www\./, '') !== host);
  return { [key]: remove ? list : [...list, host] };
}
