import type { Store } from '../../store/store.js';

/**
 * Answers computed from the stored shipments, kept until the store changes: an import or a revert, by this server
 * or by any process writing to the same store (the key includes the last import's id and the number reverted, one
 * cheap query). Computing the indicators of a large store costs seconds; reading this costs a query.
 */
export class StoreAnswerCache<T> {
  private readonly answers = new Map<string, T>();
  private version = '';

  constructor(private readonly maxEntries = 64) {}

  async get(store: Store, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await store.changeStamp();
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    const kept = this.answers.get(key);
    if (kept !== undefined) return kept;
    const answer = await compute();
    // The store may have changed while computing: keep the answer only if it did not.
    if ((await store.changeStamp()) !== version) return answer;
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
    return answer;
  }
}
