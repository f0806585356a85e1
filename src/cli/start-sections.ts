import { summarizeNetwork, type NetworkSummary } from '../model/summary.js';
import { renderSummary } from './render-summary.js';
import { routeComparisonSection } from './route-comparison-section.js';
import type { StartSection } from './start-section.js';

export const summarySection: StartSection<NetworkSummary> = {
  id: 'summary',
  title: 'Network summary',
  compute: summarizeNetwork,
  render: renderSummary,
};

/** The sections of `caravan start`, in the order they are shown. */
export const START_SECTIONS: readonly StartSection[] = [summarySection, routeComparisonSection as StartSection];
