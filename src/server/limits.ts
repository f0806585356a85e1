/**
 * What one request may ask of the server, and how large a network it takes on. Every figure is far above what the
 * web app and the bundled network need, and low enough that one request cannot hold the server for long.
 */
export interface ServerLimits {
  /** Largest request body, in bytes. */
  bodyBytes: number;
  /** Largest network served: its compiled graphs and GeoJSON stay in memory. */
  networkNodes: number;
  networkLinks: number;
  /** Most Monte Carlo samples per route in one reliability request. */
  reliabilitySamples: number;
  /** Most samples over all routes of one reliability request (samples × alternatives): about a second of work. */
  reliabilitySampleBudget: number;
  /** Most nodes one search returns. */
  searchResults: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 64 * 1024,
  networkNodes: 100_000,
  networkLinks: 500_000,
  reliabilitySamples: 200_000,
  reliabilitySampleBudget: 1_000_000,
  searchResults: 50,
};
