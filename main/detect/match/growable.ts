/** An Int32Array that grows by doubling; `view()` is the filled part. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(initial = 1024) { this.data = new Int32Array(initial); }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array { return this.data.subarray(0, this.length); }
}
