// A growable open-addressing set of 30-bit non-negative integers (word n-gram hashes), allocation-free.

/** Set of integers in [0, 2^30): several times faster than Set<number> for the millions of n-grams of a big page. */
export class IntSet {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 64) {
    let size = 64;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  has(key: number): boolean {
    const k = key + 1;
    for (let i = Math.imul(k, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i];
      if (v === k) return true;
      if (v === 0) return false;
    }
  }

  add(key: number): void {
    const k = key + 1;
    for (let i = Math.imul(k, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i];
      if (v === k) return;
      if (v === 0) {
        this.slots[i] = k;
        if (++this.count * 2 > this.mask) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const k of old) {
      if (k === 0) continue;
      let i = Math.imul(k, 0x9e3779b1) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = k;
    }
  }
}
