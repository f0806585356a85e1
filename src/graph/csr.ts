/**
 * A directed graph in compressed sparse row form: the out-edges of vertex v are the edge indices
 * offsets[v] … offsets[v + 1] − 1, and edge e points at targets[e]. Edge attributes live in arrays aligned with
 * these indices, so a search touches only typed arrays.
 */
export interface Csr {
  readonly vertexCount: number;
  readonly edgeCount: number;
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  /** The tail of each edge, for walking a path backwards from predecessor edges. */
  readonly sources: Uint32Array;
}

export interface CsrBuild {
  csr: Csr;
  /** order[k] is the input position of CSR edge k: use it to permute per-edge attributes into CSR order. */
  order: Uint32Array;
}

/** Builds a CSR from parallel tail/head arrays with a counting sort (stable: edges keep their input order per tail). */
export function buildCsr(vertexCount: number, tails: ArrayLike<number>, heads: ArrayLike<number>): CsrBuild {
  const edgeCount = tails.length;
  if (heads.length !== edgeCount) throw new RangeError('tails and heads must have the same length');
  const offsets = new Uint32Array(vertexCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const tail = tails[e] as number;
    if (tail < 0 || tail >= vertexCount || (heads[e] as number) < 0 || (heads[e] as number) >= vertexCount) {
      throw new RangeError(`edge ${e} has an endpoint outside 0…${vertexCount - 1}`);
    }
    offsets[tail + 1]! += 1;
  }
  for (let v = 0; v < vertexCount; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = offsets.slice(0, vertexCount);
  const targets = new Uint32Array(edgeCount);
  const sources = new Uint32Array(edgeCount);
  const order = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const tail = tails[e] as number;
    const slot = cursor[tail]!++;
    targets[slot] = heads[e] as number;
    sources[slot] = tail;
    order[slot] = e;
  }
  return { csr: { vertexCount, edgeCount, offsets, targets, sources }, order };
}

/** Reorders a per-edge attribute from input order into CSR order. */
export function permute<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
  values: T,
  order: Uint32Array,
): T {
  const out = new (values.constructor as new (length: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k]!]!;
  return out;
}
