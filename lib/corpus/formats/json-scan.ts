// Tolerant scan of (possibly broken) JSON text for the spans of its story objects, so one bad or
// truncated record does not cost the rest of the file. Iterative: nesting depth cannot overflow.

/** Where one object of the chosen list sits in the text. */
export interface JsonSpan {
  start: number;
  /** Exclusive end; the text length when the file ends inside the object. */
  end: number;
  /** False when the file ended before the object closed. */
  complete: boolean;
}

/**
 * Finds the list of objects that most likely holds the records: the direct object children of the
 * array with the most of them, or objects standing side by side at the top level (concatenated
 * or pretty-printed JSON Lines). Strings are skipped with their escapes; mismatched brackets are
 * tolerated (the innermost open container is closed).
 */
export function scanJsonObjects(text: string): { spans: JsonSpan[]; topLevel: boolean } {
  const TOP = 0; // container id of the virtual top level
  const lists = new Map<number, JsonSpan[]>();
  // Stack of open containers: kind, id (arrays get ids), start, and the list it is an element of.
  const kinds: number[] = []; // 0 object, 1 array
  const ids: number[] = [];
  const starts: number[] = [];
  const parents: number[] = []; // list id this container is a direct element of, -1 if none
  let nextId = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // string: jump to the closing quote, honouring backslash escapes
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const depth = kinds.length;
      const parentKind = depth ? kinds[depth - 1] : -1;
      const parentList = depth === 0 ? TOP : parentKind === 1 ? ids[depth - 1] : -1;
      kinds.push(c === 0x7b ? 0 : 1);
      ids.push(c === 0x5b ? nextId++ : -1);
      starts.push(i);
      parents.push(c === 0x7b ? parentList : -1);
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      if (!kinds.length) continue;
      kinds.pop();
      ids.pop();
      const start = starts.pop()!;
      const parent = parents.pop()!;
      if (parent >= 0 && c === 0x7d) push(lists, parent, { start, end: i + 1, complete: true });
    }
  }
  // Objects still open at the end of the text: truncated records.
  for (let d = 0; d < kinds.length; d++) {
    if (kinds[d] === 0 && parents[d] >= 0) push(lists, parents[d], { start: starts[d], end: n, complete: false });
  }
  let best: JsonSpan[] = [];
  let bestId = -1;
  for (const [id, list] of lists) {
    if (list.length > best.length) {
      best = list;
      bestId = id;
    }
  }
  return { spans: best, topLevel: bestId === TOP };
}

function push(lists: Map<number, JsonSpan[]>, id: number, span: JsonSpan): void {
  const list = lists.get(id);
  if (list) list.push(span);
  else lists.set(id, [span]);
}

/** 1-based line number of a character offset, via a precomputed table of line starts. */
export function lineIndex(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset: number) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
