// Map from offsets in the extracted page text back to the live page's text nodes.

/** A run of page-text characters that all come from one live text node. */
export interface TextSegment {
  /** Offset of the run's first character in the page text. */
  start: number;
  node: Text;
  /** For each character of the run, its offset in `node.data`. */
  offsets: number[];
}

/** Part of one text node, as [start, end) offsets into `node.data`. */
export interface NodeSpan {
  node: Text;
  start: number;
  end: number;
}

/**
 * Offsets of the extracted text → live text nodes. Characters the extraction inserted itself
 * (paragraph breaks, the space standing for a <br>) map to no node and are skipped.
 */
export class TextMap {
  private readonly segments: TextSegment[];

  /** `segments` must be in ascending, non-overlapping `start` order. */
  constructor(segments: TextSegment[]) {
    this.segments = segments;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** The live text spans that hold page text [start, end), in page-text order. */
  spans(start: number, end: number): NodeSpan[] {
    const out: NodeSpan[] = [];
    if (!(end > start)) return out;
    const segs = this.segments;
    // First segment whose end lies after `start` (binary search: pages have thousands of runs).
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = segs[mid];
      if (s.start + s.offsets.length <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < segs.length && segs[i].start < end; i++) {
      const s = segs[i];
      const a = Math.max(start, s.start) - s.start;
      const b = Math.min(end, s.start + s.offsets.length) - s.start;
      if (a >= b) continue;
      const span = { node: s.node, start: s.offsets[a], end: s.offsets[b - 1] + 1 };
      const last = out[out.length - 1];
      // Adjacent runs in one node (split only by a collapsed space) make one span.
      if (last && last.node === span.node && last.end >= span.start) last.end = Math.max(last.end, span.end);
      else out.push(span);
    }
    return out;
  }

  /** A live DOM range from the first to the last live character of page text [start, end), or null
   *  when none of it is live text (e.g. one visual paragraph of a <br>-separated block). */
  range(doc: Document, start: number, end: number): Range | null {
    const spans = this.spans(start, end);
    if (spans.length === 0) return null;
    const last = spans[spans.length - 1];
    const r = doc.createRange();
    r.setStart(spans[0].node, spans[0].start);
    r.setEnd(last.node, last.end);
    return r;
  }

  /** The live position of one page-text character, or null for an inserted break. */
  position(offset: number): { node: Text; offset: number } | null {
    const spans = this.spans(offset, offset + 1);
    return spans.length ? { node: spans[0].node, offset: spans[0].start } : null;
  }
}
