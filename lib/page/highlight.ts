// Highlighting exact page text without restyling the page: the CSS Custom Highlight API where the
// browser has it, otherwise <mark> wrappers that are undone exactly (the text nodes come back whole).
import type { NodeSpan } from './text-map';

/** Name of the highlight registry entry and of the ::highlight() rule. */
export const HIGHLIGHT_NAME = 'storytrace-shared';
const STYLE_ID = 'storytrace-highlight-style';
const MARK_ATTR = 'data-storytrace-mark';

/** Highlights the spans; returns a function that removes the highlight again. */
export function highlightSpans(doc: Document, spans: NodeSpan[]): () => void {
  const live = spans.filter((s) => s.node.isConnected && s.end > s.start && s.end <= s.node.data.length);
  if (live.length === 0) return () => {};
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = win?.CSS && 'highlights' in win.CSS ? win.CSS.highlights : undefined;
  if (registry && typeof win?.Highlight === 'function') return customHighlight(doc, win, registry, live);
  return wrapHighlight(doc, live);
}

function customHighlight(
  doc: Document,
  win: Window & typeof globalThis,
  registry: HighlightRegistry,
  spans: NodeSpan[],
): () => void {
  ensureStyle(doc);
  const ranges = spans.map((s) => {
    const r = doc.createRange();
    r.setStart(s.node, s.start);
    r.setEnd(s.node, s.end);
    return r;
  });
  const h = new win.Highlight(...ranges);
  registry.set(HIGHLIGHT_NAME, h);
  return () => {
    if (registry.get(HIGHLIGHT_NAME) === h) registry.delete(HIGHLIGHT_NAME);
  };
}

/** The one rule the highlight needs: it styles only our highlight, never the page's own text. */
function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(255, 196, 0, 0.45); color: inherit; }`;
  (doc.head ?? doc.documentElement).append(style);
}

/**
 * Fallback: wraps each span in a <mark>. Spans are wrapped from the end of each node backwards so
 * earlier offsets stay valid, and undone in reverse so every original text node gets its data back
 * (the extraction's offset map keeps pointing at the same nodes).
 */
function wrapHighlight(doc: Document, spans: NodeSpan[]): () => void {
  const ordered = [...spans].sort((a, b) => (a.node === b.node ? b.start - a.start : 0));
  const undo: (() => void)[] = [];
  for (const s of ordered) {
    const node = s.node;
    if (!node.parentNode || s.end > node.data.length) continue;
    // By hand rather than splitText(): same effect, and it works on every DOM implementation.
    const mid = doc.createTextNode(node.data.slice(s.start, s.end));
    const after = doc.createTextNode(node.data.slice(s.end));
    node.data = node.data.slice(0, s.start);
    const mark = doc.createElement('mark');
    mark.setAttribute(MARK_ATTR, '');
    mark.setAttribute('style', 'background: rgba(255, 196, 0, 0.45) !important; color: inherit !important; padding: 0 !important; margin: 0 !important; font: inherit !important;');
    mark.append(mid);
    node.parentNode.insertBefore(after, node.nextSibling);
    node.parentNode.insertBefore(mark, after);
    undo.push(() => {
      node.data = node.data + mid.data + after.data;
      mark.remove();
      after.remove();
    });
  }
  return () => {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  };
}
