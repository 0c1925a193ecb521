/**
 * Keeps the k best (score, id) pairs seen, with a binary min-heap: higher score wins, and on
 * equal scores the lower tie-break key wins.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private readonly ties: Uint32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.ties = new Uint32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(id: number, score: number, tie: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.ties[this.size] = tie;
      this.size += 1;
      this.siftUp(this.size - 1);
      return;
    }
    if (!this.better(score, tie, this.scores[0]!, this.ties[0]!)) return;
    this.ids[0] = id;
    this.scores[0] = score;
    this.ties[0] = tie;
    this.siftDown(0);
  }

  /** Returns the kept pairs best first and empties the heap. */
  drain(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = new Array(this.size);
    for (let slot = this.size - 1; slot >= 0; slot--) {
      out[slot] = { id: this.ids[0]!, score: this.scores[0]! };
      this.size -= 1;
      this.swap(0, this.size);
      this.siftDown(0);
    }
    return out;
  }

  private better(score: number, tie: number, otherScore: number, otherTie: number): boolean {
    return score > otherScore || (score === otherScore && tie < otherTie);
  }

  private worse(a: number, b: number): boolean {
    return this.better(this.scores[b]!, this.ties[b]!, this.scores[a]!, this.ties[a]!);
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.worse(slot, parent)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let worst = slot;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === slot) return;
      this.swap(slot, worst);
      slot = worst;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a]!;
    const score = this.scores[a]!;
    const tie = this.ties[a]!;
    this.ids[a] = this.ids[b]!;
    this.scores[a] = this.scores[b]!;
    this.ties[a] = this.ties[b]!;
    this.ids[b] = id;
    this.scores[b] = score;
    this.ties[b] = tie;
  }
}
