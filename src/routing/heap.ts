/**
 * An indexed binary min-heap of vertex ids keyed by a float, preallocated for a fixed number of vertices, with
 * decrease-key: a vertex is never in the heap twice, so the heap never grows beyond the vertex count.
 */
export class IndexedMinHeap {
  private readonly items: Uint32Array;
  private readonly keys: Float64Array;
  /** Position of each vertex in `items`, or −1 when absent. */
  private readonly position: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Empties the heap in O(size): only the vertices still queued need their position cleared. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.position[this.items[i]!] = -1;
    this.count = 0;
  }

  has(vertex: number): boolean {
    return this.position[vertex]! >= 0;
  }

  /** Inserts the vertex, or lowers its key if it is queued with a higher one. */
  push(vertex: number, key: number): void {
    let index = this.position[vertex]!;
    if (index < 0) {
      index = this.count++;
      this.items[index] = vertex;
    } else if (key >= this.keys[index]!) {
      return;
    }
    this.keys[index] = key;
    this.position[vertex] = index;
    this.siftUp(index);
  }

  peekKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  /** Removes and returns the vertex with the smallest key; call only when size > 0. */
  pop(): number {
    const top = this.items[0]!;
    this.position[top] = -1;
    const last = --this.count;
    if (last > 0) {
      this.items[0] = this.items[last]!;
      this.keys[0] = this.keys[last]!;
      this.position[this.items[0]!] = 0;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(start: number): void {
    const { items, keys, position } = this;
    const vertex = items[start]!;
    const key = keys[start]!;
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (keys[parent]! <= key) break;
      items[index] = items[parent]!;
      keys[index] = keys[parent]!;
      position[items[index]!] = index;
      index = parent;
    }
    items[index] = vertex;
    keys[index] = key;
    position[vertex] = index;
  }

  private siftDown(start: number): void {
    const { items, keys, position } = this;
    const count = this.count;
    const vertex = items[start]!;
    const key = keys[start]!;
    let index = start;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= count) break;
      if (child + 1 < count && keys[child + 1]! < keys[child]!) child += 1;
      if (keys[child]! >= key) break;
      items[index] = items[child]!;
      keys[index] = keys[child]!;
      position[items[index]!] = index;
      index = child;
    }
    items[index] = vertex;
    keys[index] = key;
    position[vertex] = index;
  }
}
