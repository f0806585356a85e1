import type { Network } from '../model/types.js';

/** A network without the `origin` of its records, which says where a copy was read from and so always differs. */
export function withoutOrigins(network: Network | undefined): unknown {
  return JSON.parse(JSON.stringify(network ?? null, (key, value: unknown) => (key === 'origin' ? undefined : value)));
}
