import type { View } from '../app-context.js';
import { flowsView } from './flows.js';
import { monitoringView } from './monitoring.js';
import { networkOverviewView } from './network-overview.js';
import { routePlannerView } from './route-planner.js';
import { scenarioCompareView } from './scenario-compare.js';

/** The views, in the order of the navigation; the first is shown at start. A new view joins as a module here. */
export const VIEWS: readonly View[] = [
  routePlannerView,
  flowsView,
  scenarioCompareView,
  monitoringView,
  networkOverviewView,
];
