import type { View } from '../app-context.js';

/** A view as the navigation knows it before its code is loaded: each view is its own chunk, fetched when opened. */
export interface ViewEntry {
  id: string;
  title: string;
  /** Its address; the server answers each with the app (WEB_APP_VIEW_PATHS in src/server/web-app.ts). */
  path: string;
  load(): Promise<View>;
}

/** The views, in the order of the navigation; the first is shown at /. A new view joins as a module here. */
export const VIEWS: readonly ViewEntry[] = [
  {
    id: 'route',
    title: 'Route planner',
    path: '/',
    load: () => import('./route-planner.js').then((module) => module.routePlannerView),
  },
  { id: 'flows', title: 'Flows', path: '/flows', load: () => import('./flows.js').then((module) => module.flowsView) },
  {
    id: 'compare',
    title: 'Compare scenarios',
    path: '/compare',
    load: () => import('./scenario-compare.js').then((module) => module.scenarioCompareView),
  },
  {
    id: 'monitoring',
    title: 'Monitoring',
    path: '/monitoring',
    load: () => import('./monitoring.js').then((module) => module.monitoringView),
  },
  {
    id: 'scorecard',
    title: 'Scorecard',
    path: '/scorecard',
    load: () => import('./scorecard.js').then((module) => module.scorecardView),
  },
  {
    id: 'sweeps',
    title: 'Uncertainty',
    path: '/sweeps',
    load: () => import('./sweeps.js').then((module) => module.sweepsView),
  },
  {
    id: 'network',
    title: 'Network',
    path: '/network',
    load: () => import('./network-overview.js').then((module) => module.networkOverviewView),
  },
];

/** The view an address shows: /route is the planner too, and anything unknown falls back to the first view. */
export function viewAt(pathname: string): ViewEntry {
  const path = pathname.replace(/\/+$/, '') || '/';
  return VIEWS.find((view) => view.path === path || `/${view.id}` === path) ?? VIEWS[0]!;
}
