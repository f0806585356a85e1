import type { AssignmentNetwork, OdDemand } from '../assign/network.js';

/** Slots of the shared Int32 control array between the main thread and the tree workers. */
export const CONTROL = {
  /** Bumped by the main thread for every request; workers wait on it. */
  generation: 0,
  /** 1: load volumes and SPTT, 0: SPTT only, −1: exit. */
  mode: 1,
  /** Workers that finished the current request. */
  done: 2,
  /** 0, or 1 for an input error (no path), 2 for an internal error; the message is in `message`. */
  error: 3,
} as const;
export const CONTROL_SLOTS = 4;
export const MESSAGE_BYTES = 2048;

export interface WorkerSetup {
  network: AssignmentNetwork;
  demand: OdDemand;
  /** The origins this worker handles. */
  origins: Uint32Array;
  index: number;
  control: SharedArrayBuffer;
  cost: SharedArrayBuffer;
  /** This worker's link volumes (E doubles). */
  volume: SharedArrayBuffer;
  /** One double per worker: its SPTT. */
  sptt: SharedArrayBuffer;
  message: SharedArrayBuffer;
}
