// The IndexedDB backend (fake-indexeddb): the shared index contract, plus what only it promises.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieBackend } from '../../../lib/index/dexie/backend';
import { describeIndexContract } from './index-contract';

let n = 0;
const fresh = () => DexieBackend.open(`contract-${process.pid}-${n++}`);

describeIndexContract('the IndexedDB (Dexie) backend', fresh);

describe('DexieBackend', () => {
  it('opens empty', async () => {
    const b = await fresh();
    expect(await b.storyCount()).toBe(0);
    expect(await b.listCollections()).toEqual([]);
    expect(await b.fingerprintPostings([1, 2, 3])).toEqual(new Map());
    expect(await b.termPostings(['crimea'])).toEqual(new Map());
  });
});
