import type { Network } from '../model/types.js';
import { SmallCache, type CacheStats } from '../routing/small-cache.js';
import type { CompressedForms } from './compression.js';
import type { RouteInput } from './route-answer.js';

/**
 * An answer as it was sent: its body already UTF-8, so that sending it again neither measures nor encodes text,
 * and its compressed forms once sent.
 */
export interface SentAnswer {
  contentType: string;
  body: Buffer;
  compressed: CompressedForms;
}

/**
 * Answers remembered: a few hundred questions asked again and again (the corridors a team is looking at), and a
 * byte budget, since an answer is 5 kB (CSV) to 150 kB (JSON of ten routes with their GeoJSON).
 */
const CAPACITY = 512;
const BUDGET_BYTES = 32 * 2 ** 20;
/** The body, and room for its compressed forms (at most three, each a fraction of it). */
const bytesOf = (answer: SentAnswer): number => 2 * answer.body.length;

/**
 * Route answers already sent, per network: an answer is a function of the network and the validated request alone
 * (planning is deterministic and the simulation seeded), and planning and rendering one costs several times what
 * receiving and sending it does. Kept on the server's thread, before any route worker, so a repeated question
 * costs no hand-over between threads. A reloaded network is another Network object, with answers of its own.
 */
export class RouteAnswerCache {
  private readonly byNetwork = new WeakMap<Network, SmallCache<SentAnswer>>();

  find(network: Network, input: RouteInput): SentAnswer | undefined {
    return this.answersOf(network).find(answerKey(input));
  }

  keep(network: Network, input: RouteInput, answer: SentAnswer): void {
    this.answersOf(network).set(answerKey(input), answer);
  }

  /** Lookups on this network's answers answered from memory and planned: what the cache saves on a workload. */
  stats(network: Network): CacheStats {
    return this.answersOf(network).stats();
  }

  private answersOf(network: Network): SmallCache<SentAnswer> {
    let answers = this.byNetwork.get(network);
    if (answers === undefined) {
      answers = new SmallCache(CAPACITY, { bytesOf, budget: BUDGET_BYTES });
      this.byNetwork.set(network, answers);
    }
    return answers;
  }
}

/**
 * The validated request as text: zod writes its fields in the schema's order with every default filled in, so two
 * requests that mean the same options give the same key, whether they came as a query string or a JSON body.
 */
const answerKey = (input: RouteInput): string => JSON.stringify(input);
