// Small display helpers shared by the badges, popup and viewer: safe links, dates, shares, excerpts.

/** The URL when it is an absolute http(s) URL, else undefined: corpus data never yields other links. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 4096) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "22 Apr 2023" for ISO dates (the time part is dropped); anything else as given, bounded. */
export function formatDate(date: string | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date.trim());
  if (m) {
    const month = MONTHS[Number(m[2]) - 1];
    if (month) return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
  }
  return date.trim().slice(0, 40);
}

/** A share (0..1) as a whole percentage; "<1%" for small non-zero shares. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share < 0.01) return '<1%';
  return `${Math.round(Math.min(1, share) * 100)}%`;
}

/** The text cut to about `max` characters at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = 240): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}

/** The site of a URL as users know it ("example.org"), or '' when it is not a web URL. */
export function siteOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.replace(/^www\./, '').toLowerCase() : '';
  } catch {
    return '';
  }
}

/** Whether `url` is on one of `sites` (a site also covers its subdomains). */
export function onSites(url: string | undefined, sites: readonly string[]): boolean {
  const host = siteOf(url);
  if (!host) return false;
  return sites.some((s) => {
    const site = s.trim().toLowerCase().replace(/^www\./, '');
    return site !== '' && (host === site || host.endsWith('.' + site));
  });
}
