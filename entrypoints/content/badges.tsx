// Content feature: inline badges at page paragraphs and the card they open, each in its own
// closed Shadow DOM host (the page can neither restyle nor read them), with hover/focus highlight.
import { render } from 'preact';
import { Badge } from '../../components/Badge';
import { MatchCard, type CardStory } from '../../components/MatchCard';
import type { QueryResult } from '../../lib/index/types';
import type { ExtractedPage } from '../../lib/page/extract';
import { highlightSpans } from '../../lib/page/highlight';
import { groupByParagraph, merge, type ParagraphMatches } from '../../lib/page/paragraph-matches';
import css from './badges.css?inline';

/** Inline style of every host: beats any page rule aimed at it (inline !important), inherits nothing. */
const BADGE_HOST_STYLE =
  'all: initial !important; display: inline-block !important; position: static !important; margin: 0 0 0 0.35em !important; padding: 0 !important; border: 0 !important; float: none !important; vertical-align: baseline !important; line-height: 1 !important; text-indent: 0 !important;';
const LAYER_HOST_STYLE =
  'all: initial !important; display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;';

let shared: CSSStyleSheet | null | undefined;

/** Styles a shadow root: one constructed sheet shared by every root (parsed once), else <style>. */
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

export interface BadgeActions {
  openViewer(storyId: string): void;
  /** The user hid the badges of this page (until it navigates). */
  dismissPage(): void;
  /** The user hid badges on this site for good. */
  hideOnSite(): void;
}

interface Drawn {
  group: ParagraphMatches;
  host: HTMLElement;
  root: ShadowRoot;
  mount: HTMLElement;
}

export class BadgeLayer {
  private drawn: Drawn[] = [];
  private page: ExtractedPage | null = null;
  private layer: { host: HTMLElement; root: ShadowRoot; mount: HTMLElement } | null = null;
  private open: Drawn | null = null;
  private unhighlight: () => void = () => {};
  private pinned = false;
  private readonly site: string;
  private readonly listeners = new AbortController();

  constructor(
    private readonly doc: Document,
    private readonly actions: BadgeActions,
    signal: AbortSignal,
  ) {
    this.site = doc.location?.hostname.replace(/^www\./, '') ?? '';
    signal.addEventListener('abort', () => this.destroy(), { once: true });
    const opts = { capture: true, signal: this.listeners.signal };
    doc.addEventListener('pointerdown', (e) => this.outside(e), opts);
    doc.addEventListener('keydown', (e) => e.key === 'Escape' && this.open && this.closeCard(true), opts);
    const reposition = () => this.placeCard();
    doc.defaultView?.addEventListener('scroll', reposition, { passive: true, capture: true, signal: this.listeners.signal });
    doc.defaultView?.addEventListener('resize', reposition, { passive: true, signal: this.listeners.signal });
  }

  /** Whether `node` belongs to StoryTrace's own UI (the navigation watcher ignores it). */
  owns(node: Node): boolean {
    if (node.nodeType !== 1) return false;
    const tag = (node as Element).tagName;
    return tag === 'STORYTRACE-BADGE' || tag === 'STORYTRACE-LAYER';
  }

  private repairs = 0;

  /**
   * Puts back badges the page removed from paragraphs that are still there (a framework
   * re-rendering a paragraph's children). Bounded, so a page that keeps removing them wins.
   */
  repair(): void {
    if (this.repairs >= 5) return;
    const page = this.page;
    let fixed = false;
    for (const d of this.drawn) {
      const para = page?.paragraphs[d.group.paragraph]?.element;
      if (!d.host.isConnected && para?.isConnected) {
        para.append(d.host);
        fixed = true;
      }
    }
    if (fixed) this.repairs++;
  }

  /** Number of badges drawn. */
  get count(): number {
    return this.drawn.length;
  }

  /** Draws one badge per paragraph holding shared passages; returns how many. */
  draw(page: ExtractedPage, result: QueryResult): number {
    this.clear();
    this.page = page;
    this.repairs = 0;
    const groups = groupByParagraph(page.text, page.paragraphs, result);
    for (const group of groups) {
      const para = page.paragraphs[group.paragraph];
      if (!para?.element.isConnected) continue;
      const host = this.doc.createElement('storytrace-badge');
      host.setAttribute('style', BADGE_HOST_STYLE);
      const root = host.attachShadow({ mode: 'closed' });
      adoptStyles(this.doc, root);
      const mount = this.doc.createElement('span');
      root.append(mount);
      para.element.append(host);
      const d: Drawn = { group, host, root, mount };
      this.drawn.push(d);
      this.renderBadge(d);
    }
    return this.drawn.length;
  }

  /** Removes every badge, the card and any highlight. */
  clear(): void {
    this.closeCard(false);
    for (const d of this.drawn) {
      render(null, d.mount);
      d.host.remove();
    }
    this.drawn = [];
    this.page = null;
  }

  private destroy(): void {
    this.clear();
    this.listeners.abort();
    if (this.layer) {
      render(null, this.layer.mount);
      this.layer.host.remove();
      this.layer = null;
    }
  }

  private renderBadge(d: Drawn): void {
    const top = d.group.stories[0].match;
    render(
      <Badge
        count={d.group.stories.length}
        source={top.source?.trim() || hostOf(top.url) || top.title}
        kind={top.kind}
        expanded={this.open === d}
        cardId="storytrace-card"
        onToggle={() => (this.open === d ? this.closeCard(true) : this.openCard(d))}
        onHighlight={(on) => {
          if (this.pinned) return;
          if (on) this.highlight(d.group.ranges);
          else this.unhighlight();
        }}
      />,
      d.mount,
    );
  }

  private highlight(ranges: [number, number][]): void {
    this.unhighlight();
    const page = this.page;
    if (!page) return;
    const spans = ranges.flatMap(([a, b]) => page.map.spans(a, b));
    const undo = highlightSpans(this.doc, spans);
    this.unhighlight = () => {
      undo();
      this.unhighlight = () => {};
    };
  }

  private openCard(d: Drawn): void {
    const prev = this.open;
    this.open = d;
    if (prev) this.renderBadge(prev);
    this.renderBadge(d);
    this.pinned = false;
    this.highlight(d.group.ranges);
    this.pinned = true;
    const layer = this.ensureLayer();
    const page = this.page!;
    const stories: CardStory[] = d.group.stories.map((s) => ({
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
    render(
      <MatchCard
        key={d.group.paragraph}
        id="storytrace-card"
        stories={stories}
        site={this.site}
        onOpenViewer={(id) => this.actions.openViewer(id)}
        onFocusStory={(i) => {
          this.pinned = false;
          this.highlight(i === null ? d.group.ranges : merge(d.group.stories[i].passages.map((q) => [q.pageStart, q.pageEnd])));
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
      />,
      layer.mount,
    );
    this.placeCard();
  }

  private closeCard(refocus: boolean): void {
    const d = this.open;
    if (!d) return;
    this.open = null;
    this.pinned = false;
    this.unhighlight();
    if (this.layer) render(null, this.layer.mount);
    if (d.host.isConnected) {
      this.renderBadge(d);
      if (refocus) d.root.querySelector('button')?.focus();
    }
  }

  private ensureLayer() {
    if (this.layer?.host.isConnected) return this.layer;
    const host = this.doc.createElement('storytrace-layer');
    host.setAttribute('style', LAYER_HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    adoptStyles(this.doc, root);
    const mount = this.doc.createElement('div');
    root.append(mount);
    this.doc.documentElement.append(host);
    this.layer = { host, root, mount };
    return this.layer;
  }

  /** Puts the card under its badge (above when there is no room), inside the viewport. */
  private placeCard(): void {
    const d = this.open;
    const card = this.layer?.root.querySelector<HTMLElement>('.card');
    if (!d || !card) return;
    const view = this.doc.defaultView!;
    const r = d.host.getBoundingClientRect();
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const left = Math.max(8, Math.min(r.left, view.innerWidth - w - 8));
    const below = r.bottom + 6;
    const top = below + h <= view.innerHeight - 8 || r.top - h - 6 < 8 ? below : r.top - h - 6;
    card.style.left = `${Math.round(left)}px`;
    card.style.top = `${Math.round(top)}px`;
  }

  private outside(e: Event): void {
    if (!this.open) return;
    const path = e.composedPath();
    if (path.includes(this.open.host) || (this.layer && path.includes(this.layer.host))) return;
    this.closeCard(false);
  }
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}
