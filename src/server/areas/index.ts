import type { ApiArea } from '../context.js';
import { healthArea } from './health.js';
import { networkArea } from './network.js';
import { reliabilityArea } from './reliability.js';
import { routeArea } from './route.js';

/**
 * Every area of the API, in the order the docs list them. The engines still being built join here, each as one
 * module beside these: corridor flows and scenarios (`flows.ts`, `scenarios.ts`: runs as jobs with progress, diffs),
 * and monitoring (`monitoring.ts`: shipments import, indicators, targets) once its store exists.
 */
export const API_AREAS: readonly ApiArea[] = [healthArea, networkArea, routeArea, reliabilityArea];
