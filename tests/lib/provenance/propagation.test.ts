import { describe, expect, it } from 'vitest';
import { propagationTree } from '../../../lib/provenance/propagation';

const share = (a: string, b: string, aShare: number, bShare = aShare) => ({ a, b, aShare, bShare });

describe('propagationTree', () => {
  it('orders by date and gives a copy of a copy the copy whose edits it carries', () => {
    const t = propagationTree(
      [
        { id: 'c2', date: '2023-04-25' },
        { id: 'o', date: '2023-04-22' },
        { id: 'c1', date: '2023-04-23T10:00:00Z' },
      ],
      [share('o', 'c1', 0.8), share('o', 'c2', 0.65), share('c1', 'c2', 0.82)],
    );
    expect(t).toEqual({ origin: 'o', nodes: [{ id: 'o', parent: null }, { id: 'c1', parent: 'o' }, { id: 'c2', parent: 'c1' }] });
  });

  it('gives exact syndicated copies the earliest holder on a near tie', () => {
    const t = propagationTree(
      [{ id: 'o', date: '2023-01-01' }, { id: 's1', date: '2023-01-02' }, { id: 's2', date: '2023-01-03' }],
      [share('o', 's1', 1), share('o', 's2', 1), share('s1', 's2', 0.99)],
    );
    expect(t.nodes.map((n) => n.parent)).toEqual([null, 'o', 'o']);
  });

  it('an undated copy gets a dated parent only when the text points at it', () => {
    const members = [{ id: 'o', date: '2023-01-01' }, { id: 'r', date: '2023-01-05' }, { id: 'u1' }, { id: 'u2' }, { id: 'u3' }];
    const t = propagationTree(members, [
      share('o', 'r', 0.7),
      share('u1', 'r', 0.9), // u1 carries r's edits
      share('u1', 'o', 0.7),
      share('u2', 'u3', 0.95), // u2 and u3 share edits no dated member has: who copied whom is unknown
      share('u2', 'o', 0.8),
      share('u3', 'o', 0.8),
    ]);
    expect(t.origin).toBe('o');
    expect(Object.fromEntries(t.nodes.map((n) => [n.id, n.parent]))).toEqual({ o: null, r: 'o', u1: 'r', u2: null, u3: null });
  });

  it('never names an undated origin', () => {
    const t = propagationTree([{ id: 'a' }, { id: 'b', date: null }], [share('a', 'b', 1)]);
    expect(t.origin).toBeNull();
    expect(t.nodes.every((n) => n.parent === null)).toBe(true);
  });

  it('a dated member sharing nothing with an earlier one has no parent', () => {
    const t = propagationTree([{ id: 'a', date: '2020-01-01' }, { id: 'b', date: '2020-02-01' }, { id: 'c', date: '2020-03-01' }], [share('a', 'c', 0.9)]);
    expect(t.nodes.map((n) => n.parent)).toEqual([null, null, 'a']);
  });
});
