// Term ids name their PostgreSQL bucket: the inverse of the murmur3 finalizer gives back the FNV-1a
// hash the rows are bucketed by.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOfTermId, unfmix32 } from '../../../lib/index/postgres/term-ids';
import { termBucket } from '../../../lib/index/postgres/buckets';
import { termId } from '../../../lib/index/term-id';
import { fmix32 } from '../../../lib/text/hash';

describe('term ids on PostgreSQL', () => {
  it('unfmix32 inverts fmix32', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (h) => unfmix32(fmix32(h)) === h && fmix32(unfmix32(h)) === h));
  });
  it("a term id's bucket is the term's bucket", () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: 8, max: 20 }), (t, bits) => bucketOfTermId(termId(t), bits) === termBucket(t, bits)));
    expect(bucketOfTermId(termId('kyiv'), 16)).toBe(termBucket('kyiv', 16));
  });
});
