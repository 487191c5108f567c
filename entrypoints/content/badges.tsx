// Content feature: the reading overlay. One host element under <html> (outside <body>), with a
// closed Shadow DOM, holds every badge, the card and the hover highlight; nothing is put inside the
// page's content, no page element's style changes, and the host is fixed-position and of zero size,
// so the page's layout does not move. Badges are positioned from the matched paragraphs' rectangles
// (lib/page/overlay-layout.ts) and follow scrolling, resizing and reflow. The page learns that the
// host exists, nothing of which paragraphs matched (README "Threat model").
import { render } from 'preact';
import { browser } from '#imports';
import { I18nProvider } from '../../components/I18nProvider';
import { extensionI18n, type I18n } from '../../lib/i18n/i18n';
import { pageScheme } from '../../lib/page/page-scheme';
import { Badge } from '../../components/Badge';
import { MatchCard, type CardStory } from '../../components/MatchCard';
import { paragraphFirstSeen } from '../../lib/provenance/paragraph-first-seen';
import type { QueryResult } from '../../lib/index/types';
import type { ExtractedPage } from '../../lib/page/extract';
import {
  badgePosition,
  boxAt,
  cardPosition,
  highlightBoxes,
  inView,
  lastLine,
  railSegment,
  samePositions,
  uncovered,
  type BadgePlace,
  type Box,
  type Point,
} from '../../lib/page/overlay-layout';
import { badgeRuns } from '../../lib/page/badge-runs';
import { groupByParagraph, merge, type ParagraphMatches } from '../../lib/page/paragraph-matches';
import css from './badges.css?inline';

/** Tag of the one host (extraction skips it: lib/page/blocks.ts OWN_TAGS). */
const HOST_TAG = 'storytrace-layer';
/**
 * Inline style of the host: beats any page rule aimed at it (inline !important), inherits nothing,
 * takes no room (fixed, zero size: fixed boxes never add to the page's scrollable overflow), and
 * lets every pointer event through except over a badge the reader's own pointer is on. Size and
 * layout containment keep laying out the overlay from ever touching the page's layout (drawing and
 * following the scroll then cost the overlay's own boxes only).
 */
const HOST_STYLE =
  'all: initial !important; display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important; pointer-events: none !important; contain: size layout style !important;';
/** How often positions are checked without any event (late images, fonts, animations), ms. */
const SETTLE_POLL_MS = 1000;

export interface BadgeActions {
  openViewer(storyId: string): void;
  /** The user hid the badges of this page (until it navigates). */
  dismissPage(): void;
  /** The user hid badges on this site for good. */
  hideOnSite(): void;
}

interface Drawn {
  /** What the mark shows: one paragraph's group, or a run's joined group (badge-runs.ts). */
  group: ParagraphMatches;
  /** The paragraph the badge sits at (a run's last one). */
  para: Element;
  /** A run's paragraphs, in page order, with their elements (one entry for a single badge). */
  members: { group: ParagraphMatches; para: Element }[];
  /** A run's rail: one segment per member paragraph (viewport), empty for a single badge. */
  rail: Box[];
  /** Where the badge is drawn (viewport), null while its paragraph is not rendered. */
  at: BadgePlace | null;
  /** Something of the page's (a fixed banner) is over that place: the badge stays invisible. */
  covered: boolean;
  /** Its box, for pointer hit-testing (viewport). */
  box: Box | null;
  width: number;
  /** Width showing the count only. */
  compactWidth: number;
}

export class BadgeLayer {
  private drawn: Drawn[] = [];
  private page: ExtractedPage | null = null;
  private host: { el: HTMLElement; root: ShadowRoot; mount: HTMLElement } | null = null;
  private open: Drawn | null = null;
  /** Badge the reader's pointer is on (it alone takes pointer events). */
  private hot: Drawn | null = null;
  /** Shared-text ranges highlighted, page-text offsets, and the boxes they paint. */
  private lit: { ranges: [number, number][]; boxes: Box[] } | null = null;
  private pinned = false;
  private frame = 0;
  private poll: ReturnType<typeof setInterval> | undefined;
  private resize: ResizeObserver | null = null;
  private reattached = 0;
  /** Drawn but not yet measured (the first frame after draw() measures the badges' widths). */
  private unmeasured = false;
  private readonly site: string;
  /** The page behind the badges is dark: the overlay takes its dark colours (badges.css .st-dark). */
  private dark = false;
  private readonly listeners = new AbortController();
  private readonly metrics = new Map<Element, { descent: number; lineHeight: number; space: number }>();

  constructor(
    private readonly doc: Document,
    private readonly actions: BadgeActions,
    signal: AbortSignal,
    // The browser's language, as the extension pages (browser.i18n works in content scripts too).
    private readonly i18n: I18n = extensionI18n(browser.i18n),
  ) {
    this.site = doc.location?.hostname.replace(/^www\./, '') ?? '';
    signal.addEventListener(
      'abort',
      () => {
        this.destroyed = true;
        this.detach();
        this.listeners.abort();
      },
      { once: true },
    );
    const opts = { capture: true, signal: this.listeners.signal };
    const passive = { ...opts, passive: true };
    doc.addEventListener('pointerdown', (e) => this.outside(e), opts);
    doc.addEventListener('keydown', (e) => e.key === 'Escape' && this.open && this.closeCard(true), opts);
    const win = doc.defaultView;
    win?.addEventListener('pointermove', (e) => this.pointer(e), passive);
    win?.addEventListener('scroll', () => this.schedule(), passive);
    win?.addEventListener('resize', () => this.schedule(), passive);
    doc.fonts?.addEventListener?.('loadingdone', () => this.schedule(), { signal: this.listeners.signal });
  }

  /** Whether `node` belongs to StoryTrace's own UI (the navigation watcher ignores it). */
  owns(node: Node): boolean {
    return node.nodeType === 1 && (node as Element).tagName === HOST_TAG.toUpperCase();
  }

  /** Number of marks drawn (a run of paragraphs counts as one). */
  get count(): number {
    return this.drawn.length;
  }

  /** Number of paragraphs the marks stand for (every paragraph of a run counts). */
  get paragraphCount(): number {
    return this.drawn.reduce((n, d) => n + d.members.length, 0);
  }

  /**
   * Moves keyboard focus to the next (`dir` 1) or previous (-1) badge after the one focused, in
   * reading order, wrapping around; the first or last when none is focused. Returns whether a
   * badge took focus. (The browser's command shortcut asked for it: no key reaches the page.)
   */
  focusBadge(dir: 1 | -1): boolean {
    const buttons = Array.from(this.host?.root.querySelectorAll<HTMLElement>('.slot button') ?? []);
    if (buttons.length === 0) return false;
    const now = buttons.indexOf(this.host!.root.activeElement as HTMLElement);
    const next = now < 0 ? (dir === 1 ? 0 : buttons.length - 1) : (now + dir + buttons.length) % buttons.length;
    // A focus ring even though no key reached the page (the browser took the shortcut).
    buttons[next].focus({ focusVisible: true } as FocusOptions);
    return true;
  }

  /**
   * Puts the host under <html> (empty) before any result is known, so that when it appears says
   * nothing about the result: it is there on every checked article of a site that shows badges.
   */
  prepare(): void {
    this.ensureHost();
  }

  /** Puts the overlay back if the page removed it (bounded: a page that keeps removing it wins). */
  repair(): void {
    if (this.host && !this.host.el.isConnected && this.reattached < 5) {
      this.reattached++;
      this.doc.documentElement.append(this.host.el);
    }
  }

  /**
   * Draws the marks of the paragraphs holding shared passages: one badge per paragraph where reuse
   * is scattered, one mark (a badge and a rail beside its paragraphs) per run of consecutive
   * paragraphs shared with the same stories (lib/page/badge-runs.ts). Returns how many marks.
   */
  draw(page: ExtractedPage, result: QueryResult): number {
    this.clear();
    this.page = page;
    this.ensureHost();
    for (const run of badgeRuns(groupByParagraph(page.text, page.paragraphs, result))) {
      const members = run.members
        .map((group) => ({ group, para: page.paragraphs[group.paragraph]?.element }))
        .filter((m): m is { group: ParagraphMatches; para: Element } => !!m.para?.isConnected);
      const last = members[members.length - 1];
      if (!last) continue;
      // A run the page broke up meanwhile is drawn over what is left of it.
      const group = members.length === run.members.length ? run.group : last.group;
      this.drawn.push({ group, para: last.para, members: group === run.group ? members : [last], rail: [], at: null, covered: false, box: null, width: 0, compactWidth: 0 });
    }
    if (this.drawn.length === 0) return 0;
    // The badges are rendered (still invisible) now and placed at the next frame, once the browser
    // has laid them out: their widths decide where a full line wraps, and reading them here would
    // force a layout of the whole page in the middle of the reading round.
    this.render();
    this.unmeasured = true;
    this.watch();
    this.schedule();
    return this.drawn.length;
  }

  /** Removes every badge, the card and any highlight (the empty host stays). */
  clear(): void {
    this.closeCard(false);
    this.drawn = [];
    this.hot = null;
    this.lit = null;
    this.page = null;
    this.metrics.clear();
    this.unwatch();
    if (this.host) render(null, this.host.mount);
  }

  /** Removes the overlay from the page altogether (private reading, teardown). */
  detach(): void {
    this.clear();
    if (this.host) {
      this.host.el.remove();
      this.host = null;
    }
  }

  private destroyed = false;

  private ensureHost() {
    if (this.destroyed) return null;
    if (this.host) {
      if (!this.host.el.isConnected) this.repair();
      return this.host;
    }
    const el = this.doc.createElement(HOST_TAG);
    el.setAttribute('style', HOST_STYLE);
    const root = el.attachShadow({ mode: 'closed' });
    adoptStyles(this.doc, root);
    const mount = this.doc.createElement('div');
    root.append(mount);
    // A badge reached with Tab may be off screen (fixed boxes are never scrolled to): bring its
    // paragraph into view. The page sees that scroll, as it sees any the reader makes.
    root.addEventListener('focusin', (e) => {
      const i = Array.from(root.querySelectorAll('.slot button')).indexOf(e.target as Element);
      const d = this.drawn[i];
      if (
        !d?.at ||
        (inView({ left: d.at.left, top: d.at.top, right: d.at.left + d.width, bottom: d.at.top + 18 }, this.view()) && !d.covered)
      )
        return;
      d.para.scrollIntoView({ block: 'center' });
      this.place();
    });
    this.doc.documentElement.append(el);
    this.host = { el, root, mount };
    return this.host;
  }

  // --- following the page ---

  private watch(): void {
    this.unwatch();
    const RO = this.doc.defaultView?.ResizeObserver;
    if (RO) {
      this.resize = new RO(() => this.schedule());
      this.resize.observe(this.doc.documentElement);
      for (const d of this.drawn) this.resize.observe(d.para);
    }
    this.poll = setInterval(() => this.schedule(), SETTLE_POLL_MS);
  }

  private unwatch(): void {
    this.resize?.disconnect();
    this.resize = null;
    clearInterval(this.poll);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Re-places everything at the next frame (many scroll events, one layout read). */
  private schedule(): void {
    if (this.frame || this.drawn.length === 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.host && !this.host.el.isConnected) this.repair();
      if (this.unmeasured) {
        this.unmeasured = false;
        this.measureWidths();
        // Read here, with the layout, rather than inside the reading round.
        const dark = this.pageIsDark();
        if (dark !== this.dark) {
          this.dark = dark;
          this.render();
        }
      }
      this.place();
    });
  }

  /** Whether the page is dark behind the first badged paragraph (its own colours, not only the OS's). */
  private pageIsDark(): boolean {
    const para = this.drawn[0]?.para;
    const view = this.doc.defaultView;
    if (!para || !view) return false;
    const backgrounds: string[] = [];
    for (let el: Element | null = para; el; el = el.parentElement) backgrounds.push(view.getComputedStyle(el).backgroundColor);
    return (
      pageScheme({
        backgrounds,
        colorScheme: view.getComputedStyle(this.doc.documentElement).colorScheme,
        textColor: view.getComputedStyle(para).color,
        prefersDark: view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
      }) === 'dark'
    );
  }

  private measureWidths(): void {
    const slots = this.host?.root.querySelectorAll<HTMLElement>('.slot');
    slots?.forEach((s, i) => {
      const d = this.drawn[i];
      if (!d) return;
      d.width = s.offsetWidth;
      const count = s.querySelector<HTMLElement>('.badge-count');
      // The compact badge: the count and the button's side paddings (3px + 7px, badges.css).
      d.compactWidth = count ? count.offsetWidth + 10 : d.width;
    });
  }

  /** Computes every badge's place from its paragraph's rectangles, and redraws if one moved. */
  private place(): void {
    const host = this.host;
    if (!host) return;
    const before = this.drawn.map((d) => (d.covered ? null : d.at));
    const railsBefore = railKey(this.drawn);
    for (const d of this.drawn) {
      d.at = this.positionOf(d);
      d.rail = d.members.length > 1 ? d.members.map((m) => this.railOf(m)).filter((b): b is Box => b !== null) : [];
      d.covered = d.at !== null && this.isCovered(d, d.at);
      d.box = d.at && !d.covered ? { left: d.at.left, top: d.at.top, right: d.at.left + widthAt(d), bottom: d.at.top + 18 } : null;
    }
    const litBefore = this.lit?.boxes;
    if (this.lit) this.lit.boxes = this.boxesOf(this.lit.ranges);
    const moved =
      !samePositions(
        before,
        this.drawn.map((d) => (d.covered ? null : d.at)),
      ) || litBefore !== this.lit?.boxes || railKey(this.drawn) !== railsBefore;
    if (moved) this.render();
    if (this.open) this.placeCard();
  }

  private positionOf(d: Drawn): BadgePlace | null {
    const para = d.para;
    if (!para.isConnected) return null;
    // One visual paragraph of a <br>-separated block: the badge follows its own last line.
    const part = this.page?.paragraphs[d.group.paragraph];
    const own = part?.part ? this.page!.map.range(this.doc, part.start, part.end) : null;
    const range = own ?? this.doc.createRange();
    if (!own) range.selectNodeContents(para);
    const line = lastLine(Array.from(range.getClientRects()));
    if (!line) return null;
    const m = this.metricsOf(para);
    const r = para.getBoundingClientRect();
    const cs = this.doc.defaultView!.getComputedStyle(para);
    const block: Box = {
      left: r.left + (parseFloat(cs.borderLeftWidth) || 0) + (parseFloat(cs.paddingLeft) || 0),
      top: r.top,
      right: r.right - (parseFloat(cs.borderRightWidth) || 0) - (parseFloat(cs.paddingRight) || 0),
      bottom: r.bottom,
    };
    // The inline badge came after the paragraph's trailing white space, if any (kept before an inline-block).
    const space = /\s$/u.test(para.textContent ?? '') ? m.space : 0;
    return badgePosition(line, line.bottom - m.descent, m.lineHeight, block, { width: d.width, height: 18 }, d.compactWidth, space);
  }

  /** One run paragraph's rail segment: its text's extent, left of its content box. */
  private railOf(m: { group: ParagraphMatches; para: Element }): Box | null {
    if (!m.para.isConnected) return null;
    const part = this.page?.paragraphs[m.group.paragraph];
    const own = part?.part ? this.page!.map.range(this.doc, part.start, part.end) : null;
    const range = own ?? this.doc.createRange();
    if (!own) range.selectNodeContents(m.para);
    const r = m.para.getBoundingClientRect();
    const cs = this.doc.defaultView!.getComputedStyle(m.para);
    const left = r.left + (parseFloat(cs.borderLeftWidth) || 0) + (parseFloat(cs.paddingLeft) || 0);
    return railSegment(Array.from(range.getClientRects()), { left, top: r.top, right: r.right, bottom: r.bottom });
  }

  /** Whether the page paints something else over the badge's place (only near the viewport: a hit
   *  test each). The inline badge was covered by such a banner or header too. */
  private isCovered(d: Drawn, at: Point): boolean {
    const view = this.view();
    if (!inView({ left: at.left, top: at.top, right: at.left + d.width, bottom: at.top + 18 }, view)) return false;
    const x = at.left + Math.min(d.width, 24) / 2;
    const y = at.top + 9;
    if (x < 0 || y < 0 || x >= view.width || y >= view.height) return false;
    const top = this.doc.elementsFromPoint(x, y).find((e) => e !== this.host?.el) ?? null;
    return !uncovered<Node>(top, d.para, (a, b) => a.contains(b));
  }

  /** The paragraph's font descent (its text rectangles' bottom is this far below the baseline)
   *  and line height, read once per draw. */
  private metricsOf(para: Element): { descent: number; lineHeight: number; space: number } {
    let m = this.metrics.get(para);
    if (m) return m;
    const cs = this.doc.defaultView!.getComputedStyle(para);
    const size = parseFloat(cs.fontSize) || 16;
    const lh = parseFloat(cs.lineHeight);
    let descent = size * 0.21;
    let space = size * 0.25;
    const ctx = canvasContext(this.doc);
    if (ctx) {
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const d = ctx.measureText('Hg').fontBoundingBoxDescent;
      if (Number.isFinite(d)) descent = d;
      space = ctx.measureText(' ').width;
    }
    m = { descent, lineHeight: Number.isFinite(lh) ? lh : size * 1.2, space };
    this.metrics.set(para, m);
    return m;
  }

  private view() {
    const win = this.doc.defaultView!;
    return { width: win.innerWidth, height: win.innerHeight };
  }

  // --- pointer: only the badge under the reader's own pointer takes events ---

  private pointer(e: PointerEvent): void {
    // Events a page script made up (isTrusted false) never light a badge up: only the reader's
    // pointer does, so scanning the page with synthetic events finds nothing.
    if (!e.isTrusted || this.drawn.length === 0) return;
    const i = boxAt(
      { x: e.clientX, y: e.clientY },
      this.drawn.map((d) => d.box),
      1,
    );
    const hot = i >= 0 ? this.drawn[i] : null;
    if (hot === this.hot) return;
    this.hot = hot;
    if (!this.pinned) {
      if (hot) this.highlight(hot.group.ranges);
      else this.unhighlight();
    }
    this.render();
  }

  // --- highlight: boxes in the overlay over the shared words (no page style, no registry) ---

  private boxesOf(ranges: [number, number][]): Box[] {
    const page = this.page;
    if (!page) return [];
    const rects: Box[] = [];
    for (const [a, b] of ranges) {
      for (const s of page.map.spans(a, b)) {
        if (!s.node.isConnected || s.end > s.node.data.length) continue;
        const r = this.doc.createRange();
        r.setStart(s.node, s.start);
        r.setEnd(s.node, s.end);
        rects.push(...Array.from(r.getClientRects()));
      }
    }
    return highlightBoxes(rects);
  }

  private highlight(ranges: [number, number][]): void {
    this.lit = { ranges, boxes: this.boxesOf(ranges) };
    this.render();
  }

  private unhighlight(): void {
    if (!this.lit) return;
    this.lit = null;
    this.render();
  }

  // --- the card ---

  private openCard(d: Drawn): void {
    this.open = d;
    this.pinned = false;
    this.highlight(d.group.ranges);
    this.pinned = true;
    this.render();
    this.placeCard();
  }

  private closeCard(refocus: boolean): void {
    const d = this.open;
    if (!d) return;
    this.open = null;
    this.pinned = false;
    this.lit = null;
    this.render();
    if (refocus) this.buttonOf(d)?.focus();
  }

  private buttonOf(d: Drawn): HTMLElement | null {
    const i = this.drawn.indexOf(d);
    return this.host?.root.querySelectorAll<HTMLElement>('.slot button')[i] ?? null;
  }

  /** Puts the card under its badge (above when there is no room), inside the viewport. */
  private placeCard(): void {
    const d = this.open;
    const card = this.host?.root.querySelector<HTMLElement>('.card');
    if (!d || !card) return;
    const anchor = d.box ?? { left: 8, top: 8, right: 8, bottom: 8 };
    const p = cardPosition(anchor, { width: card.offsetWidth, height: card.offsetHeight }, this.view());
    card.style.transform = at(p.left, p.top);
  }

  private outside(e: Event): void {
    if (!this.open || !this.host) return;
    if (e.composedPath().includes(this.host.el)) return;
    this.closeCard(false);
  }

  private cardStories(d: Drawn): CardStory[] {
    const page = this.page!;
    return d.group.stories.map((s) => ({
      id: s.match.id,
      title: s.match.title,
      url: s.match.url,
      source: s.match.source,
      date: s.match.date,
      kind: s.match.kind,
      pageShare: s.match.pageShare,
      storyShare: s.match.storyShare,
      passage: merge(s.passages.map((q) => [q.pageStart, q.pageEnd]))
        .map(([a, b]) => page.text.slice(a, b))
        .join(' … '),
    }));
  }

  // --- drawing ---

  private render(): void {
    const host = this.host;
    if (!host) return;
    const origin = host.el.getBoundingClientRect();
    const open = this.open;
    render(
      <I18nProvider i18n={this.i18n}>
      <div class={this.dark ? 'overlay st-dark' : 'overlay'}>
        {this.lit?.boxes.map((b, i) => (
          <div
            key={`h${i}`}
            class="shared"
            style={{
              transform: at(b.left - origin.left, b.top - origin.top),
              width: `${b.right - b.left}px`,
              height: `${b.bottom - b.top}px`,
            }}
          />
        ))}
        {this.drawn.flatMap((d) =>
          d.rail.map((b, i) => (
            <div
              key={`r${d.group.paragraph}-${i}`}
              class={`rail rail-${d.group.stories[0].match.kind}${d === this.hot || d === open ? ' live' : ''}`}
              data-run={d.group.paragraph}
              aria-hidden="true"
              style={{ transform: at(b.left - origin.left, b.top - origin.top), height: `${b.bottom - b.top}px` }}
            />
          )),
        )}
        {this.drawn.map((d) => (
          <div
            key={d.group.paragraph}
            data-run={d.members.length > 1 ? d.group.paragraph : undefined}
            class={`slot${d === this.hot || d === open ? ' live' : ''}${d.at ? '' : ' unplaced'}${d.covered ? ' covered' : ''}${d.at?.compact ? ' compact' : ''}`}
            style={d.at ? { transform: at(d.at.left - origin.left, d.at.top - origin.top) } : undefined}
          >
            <Badge
              count={d.group.stories.length}
              paragraphs={d.members.length}
              source={sourceOf(d)}
              kind={d.group.stories[0].match.kind}
              expanded={open === d}
              cardId="storytrace-card"
              onToggle={() => (this.open === d ? this.closeCard(true) : this.openCard(d))}
              onHighlight={(on) => {
                if (this.pinned) return;
                if (on) this.highlight(d.group.ranges);
                else if (this.hot !== d) this.unhighlight();
              }}
            />
          </div>
        ))}
        {open && this.page && (
          <MatchCard
            key={open.group.paragraph}
            id="storytrace-card"
            stories={this.cardStories(open)}
            firstSeen={paragraphFirstSeen(open.group)}
            site={this.site}
            onOpenViewer={(id) => this.actions.openViewer(id)}
            onFocusStory={(i) => {
              this.pinned = false;
              this.highlight(i === null ? open.group.ranges : merge(open.group.stories[i].passages.map((q) => [q.pageStart, q.pageEnd])));
              this.pinned = true;
            }}
            onClose={() => this.closeCard(true)}
            onHidePage={() => {
              this.clear();
              this.actions.dismissPage();
            }}
            onHideSite={() => {
              this.clear();
              this.actions.hideOnSite();
            }}
          />
        )}
      </div>
      </I18nProvider>,
      host.mount,
    );
  }
}

/**
 * Everything in the overlay is moved with a transform, never left/top: the Layout Instability API
 * reports boxes whose layout position changes — to the page, with their rectangles — but not
 * transformed ones, so following the page's scrolling shows up in no layout-shift entry.
 */
function at(x: number, y: number): string {
  return `translate(${Math.round(x * 100) / 100}px, ${Math.round(y * 100) / 100}px)`;
}

/** The rails' places, to tell whether one moved. */
function railKey(drawn: readonly Drawn[]): string {
  return drawn.map((d) => d.rail.map((b) => `${Math.round(b.left * 2)},${Math.round(b.top * 2)},${Math.round(b.bottom * 2)}`).join(';')).join('|');
}

function widthAt(d: Drawn): number {
  return d.at?.compact ? d.compactWidth : d.width;
}

function sourceOf(d: Drawn): string {
  const top = d.group.stories[0].match;
  return top.source?.trim() || hostOf(top.url) || top.title;
}

let shared: CSSStyleSheet | null | undefined;

/** Styles the shadow root: a constructed sheet where the browser has one, else a <style>. */
function adoptStyles(doc: Document, root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    } catch {
      shared = null;
    }
  }
  if (shared && 'adoptedStyleSheets' in root) {
    root.adoptedStyleSheets = [shared];
    return;
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** A 2D context on a canvas that is never attached (font metrics only). */
function canvasContext(doc: Document): CanvasRenderingContext2D | null {
  if (canvas === undefined) canvas = doc.createElement('canvas').getContext('2d');
  return canvas;
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}
