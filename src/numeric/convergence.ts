/**
 * Stop criteria of the iterative solvers, in one place so the engine, the corridor model, the CLI help and the API
 * schema cannot drift apart.
 */

/** Relative gap at which an assignment stops: (TSTT − SPTT) / TSTT for UE, the route-flow change for logit. */
export const DEFAULT_GAP = 1e-4;

/**
 * Iteration limit of a corridor scenario run. Its multiclass Frank–Wolfe reaches 1e-4 in a few hundred iterations
 * on the shipped scenarios; the limit only stops runs that cannot converge.
 */
export const DEFAULT_SCENARIO_ITERATIONS = 5000;

/** Iteration limit of the assignment engine on a TNTP network (`caravan assign`). */
export const DEFAULT_ASSIGN_ITERATIONS = 10_000;
