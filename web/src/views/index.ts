import type { View } from '../app-context.js';
import { networkOverviewView } from './network-overview.js';
import { routePlannerView } from './route-planner.js';

/**
 * The views, in the order of the navigation; the first is shown at start. Corridor flows, scenario comparison and
 * the monitoring dashboard join here as their engines and endpoints land: one module each beside these.
 */
export const VIEWS: readonly View[] = [routePlannerView, networkOverviewView];
