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
  /** Scenario runs at once (each takes a worker thread: a core while it runs); the next ones wait. */
  concurrentJobs: number;
  /** Scenario runs waiting for a free slot; beyond them a run is refused (429). */
  queuedJobs: number;
  /** Finished jobs, and scenario results, kept in memory to be read back. */
  keptJobs: number;
  /** Longest a scenario run may take before it is stopped. */
  scenarioRunSeconds: number;
  /** Most assignment iterations one run may ask for. */
  scenarioIterations: number;
  /** Largest shipments file one upload may carry, in bytes. */
  uploadBytes: number;
  /** Rejected rows listed in an import's answer; the count of the rest is given. */
  rejectedRowsShown: number;
  /** Requests one client (token, else address) may make a minute, and imports among them. */
  requestsPerMinute: number;
  importsPerMinute: number;
  /** Longest the server waits to receive a whole request (an upload included). */
  requestSeconds: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 64 * 1024,
  networkNodes: 100_000,
  networkLinks: 500_000,
  reliabilitySamples: 200_000,
  reliabilitySampleBudget: 1_000_000,
  searchResults: 50,
  concurrentJobs: 2,
  queuedJobs: 100,
  keptJobs: 50,
  scenarioRunSeconds: 120,
  scenarioIterations: 20_000,
  // About 400,000 checkpoint rows: a year of a busy corridor's shipments; larger files go through the CLI.
  uploadBytes: 64 * 1024 * 1024,
  rejectedRowsShown: 1000,
  // The web app makes a few requests a second at most (the search box); a script may make many more with a token.
  requestsPerMinute: 6000,
  importsPerMinute: 20,
  // A 64 MB upload over a slow 10 Mbit/s link takes about a minute.
  requestSeconds: 300,
};

/** Most route worker threads (`caravan serve --workers`): one per core is the point; more only share the cores. */
export const MAX_ROUTE_WORKERS = 64;
