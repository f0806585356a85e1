import type { Store } from '../../store/store.js';

/**
 * Answers computed from the stored shipments, kept until the store changes: an import or a revert, by this server
 * or by any process writing to the same store (the key includes the last import's id and the number reverted, one
 * cheap query). Computing the indicators of a large store costs seconds; reading this costs a query.
 */
export class StoreAnswerCache<T> {
  /** Answers by key, as promises: requests that arrive while one is computed wait for it rather than compute again. */
  private readonly answers = new Map<string, Promise<T>>();
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
    const answer = compute();
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
    try {
      const value = await answer;
      // The store may have changed while computing: keep the answer only if it did not.
      if ((await store.changeStamp()) !== version && this.answers.get(key) === answer) this.answers.delete(key);
      return value;
    } catch (error) {
      if (this.answers.get(key) === answer) this.answers.delete(key);
      throw error;
    }
  }
}
