import type { ApiArea } from '../context.js';
import { capacityArea } from './capacity.js';
import { energyArea } from './energy.js';
import { healthArea } from './health.js';
import { monitoringArea } from './monitoring.js';
import { networkArea } from './network.js';
import { reliabilityArea } from './reliability.js';
import { routeArea } from './route.js';
import { scenarioFlowsArea } from './scenario-flows.js';
import { scenariosArea } from './scenarios.js';
import { sweepsArea } from './sweeps.js';

/** Every area of the API, in the order the docs list them; a new area joins as one module beside these. */
export const API_AREAS: readonly ApiArea[] = [
  healthArea,
  networkArea,
  routeArea,
  reliabilityArea,
  scenariosArea,
  scenarioFlowsArea,
  sweepsArea,
  capacityArea,
  energyArea,
  monitoringArea,
];
