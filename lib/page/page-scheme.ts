// Which colour set the overlay's badges and cards take on a page: from the page's own background
// (what the reader actually sees behind a paragraph), not only the OS preference, so a badge is
// never light-on-light or dark-on-dark. Pure: the content script reads computed styles and hands
// them in.

/** An sRGB colour with alpha, channels 0..255, alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * A colour as getComputedStyle serializes it ("rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)",
 * "rgb(1 2 3 / 50%)", "transparent") or as written in hex; undefined for anything else
 * (color(), oklch() and friends: the caller treats the layer as unknown).
 */
export function parseColor(css: string | null | undefined): Rgba | undefined {
  const s = (css ?? '').trim().toLowerCase();
  if (!s) return undefined;
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(s);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
    if (h.length !== 6 && h.length !== 8) return undefined;
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const m = /^rgba?\(\s*([^)]*)\)$/.exec(s);
  if (!m) return undefined;
  const parts = m[1].split(/\s*[,/]\s*|\s+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return undefined;
  const channel = (p: string) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const alpha = (p: string | undefined) => (p === undefined ? 1 : p.endsWith('%') ? parseFloat(p) / 100 : parseFloat(p));
  const [r, g, b] = parts.slice(0, 3).map(channel);
  const a = alpha(parts[3]);
  if (![r, g, b, a].every(Number.isFinite)) return undefined;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return { r: clamp(r, 255), g: clamp(g, 255), b: clamp(b, 255), a: clamp(a, 1) };
}

/** WCAG relative luminance of an opaque colour (0 black … 1 white). */
export function relativeLuminance(c: Pick<Rgba, 'r' | 'g' | 'b'>): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** `top` painted over the opaque `under` (source-over). */
function over(top: Rgba, under: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1 };
}

/** The luminance below which white text reads better than black (the two contrasts are equal). */
export const DARK_BELOW = 0.179;

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
/** Chromium's and Firefox's dark canvas (color-scheme: dark with no background set). */
const DARK_CANVAS: Rgba = { r: 18, g: 18, b: 18, a: 1 };

export interface PageColours {
  /** Computed background-color of the element behind the badge and its ancestors, innermost
   *  first, up to and including <html>. */
  backgrounds: readonly string[];
  /** Computed `color-scheme` of the root element ("normal", "light", "dark", "light dark"…). */
  colorScheme?: string;
  /** Computed text colour of that element: the hint when no background colour is set (a page
   *  painting its background with an image shows its choice in its text). */
  textColor?: string;
  /** prefers-color-scheme: dark, which decides the canvas of a "light dark" page. */
  prefersDark: boolean;
}

/** The canvas a page sits on when none of its elements paint a background. */
function canvasOf(colorScheme: string | undefined, prefersDark: boolean): Rgba {
  const words = new Set((colorScheme ?? '').toLowerCase().split(/\s+/));
  const dark = words.has('dark') && (!words.has('light') || prefersDark);
  return dark ? DARK_CANVAS : WHITE;
}

/** 'dark' when the page behind the badges is dark (the overlay then takes its dark colours). */
export function pageScheme(p: PageColours): 'light' | 'dark' {
  const layers = p.backgrounds.map(parseColor);
  let painted = false;
  let bg = canvasOf(p.colorScheme, p.prefersDark);
  // Outermost first: each layer paints over what is behind it.
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i];
    if (!l || l.a === 0) continue;
    painted = true;
    bg = l.a >= 1 ? l : over(l, bg);
  }
  if (!painted) {
    const text = parseColor(p.textColor);
    // Light text on an unpainted page: its background is an image (or the canvas) and dark.
    if (text && text.a > 0) return relativeLuminance(text) > 0.5 ? 'dark' : 'light';
  }
  return relativeLuminance(bg) < DARK_BELOW ? 'dark' : 'light';
}
