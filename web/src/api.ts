import type { z } from 'zod';
import type { scenarioCapacitySchema } from '../../src/corridor/capacity-schema.js';
import type { IndicatorReport } from '../../src/monitoring/indicators.js';
import type { ObservationSeries } from '../../src/monitoring/observations.js';
import type { Scorecard } from '../../src/monitoring/scorecard.js';
import type { TargetProgress } from '../../src/monitoring/trade.js';
import type { NetworkSummary } from '../../src/model/summary.js';
import type { routeQuerySchema } from '../../src/routing/request-schema.js';
import type { nodeSchema } from '../../src/server/areas/network.js';
import type { Problem } from '../../src/server/problem.js';
import type { distanceChartSchema } from '../../src/server/schemas/distance-chart.js';
import type { scenarioDiffSchema } from '../../src/server/schemas/flow-report.js';
import type { sweepListSchema, sweepReportSchema } from '../../src/server/schemas/sweep.js';
import type { jobSchema } from '../../src/server/schemas/job.js';
import type { routeResponseSchema } from '../../src/server/schemas/route-response.js';
import type { LinkChange } from '../../src/server/scenarios/link-changes.js';

/** The API's own schemas give the app its types: a change on the server that breaks the app fails type-checking. */
export type RouteResponse = z.output<typeof routeResponseSchema>;
export type PlannedRoute = RouteResponse['routes'][number];
export type RouteStep = PlannedRoute['steps'][number];
export type NodeMatch = z.output<typeof nodeSchema>;
/** The body of POST /api/route, typed by the very schema the server validates it with. */
export type RouteQuery = z.input<typeof routeQuerySchema>;
export type { IndicatorReport, LinkChange, NetworkSummary, Scorecard, TargetProgress };
export type ScenarioJob = z.output<typeof jobSchema>;
export type ScenarioRunResult = NonNullable<ScenarioJob['result']>;
export type FlowReport = ScenarioRunResult['report'];
export type ScenarioDiff = z.output<typeof scenarioDiffSchema>;
export type ScenarioCapacity = z.output<typeof scenarioCapacitySchema>;
export type TimeDistanceChart = z.output<typeof distanceChartSchema>;
export type SweepReport = z.output<typeof sweepReportSchema>;
export type StoredSweep = z.output<typeof sweepListSchema>['sweeps'][number];
export interface ScenarioSummary {
  id: string;
  name: string;
  description: string;
  year: number;
}
export interface ReliabilityAnswer {
  routes: { rank: number; reliability: NonNullable<PlannedRoute['reliability']> }[];
}

/** An error answer of the API, with its message for people and the fields at fault. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }
}

async function getJson<T>(response: Response): Promise<T> {
  const isProblem = response.headers.get('content-type')?.startsWith('application/problem+json') ?? false;
  if (!response.ok || isProblem) {
    if (isProblem) throw new ApiProblem((await response.json()) as Problem);
    throw new ApiProblem({
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      detail: `the server answered ${response.status} ${response.statusText}`,
    });
  }
  return (await response.json()) as T;
}

const postJson = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });

export async function fetchNetwork(): Promise<GeoJSON.FeatureCollection> {
  return getJson(await fetch('/api/network'));
}

export async function fetchSummary(): Promise<NetworkSummary> {
  return getJson(await fetch('/api/network/summary'));
}

export async function searchNodes(query: string, signal?: AbortSignal): Promise<NodeMatch[]> {
  const params = new URLSearchParams({ q: query, limit: '8' });
  const { nodes } = await getJson<{ nodes: NodeMatch[] }>(
    await fetch(`/api/nodes?${params}`, { signal: signal ?? null }),
  );
  return nodes;
}

/** Plans routes with their GeoJSON, which the server sends only when asked: the planner draws them on the map. */
export async function planRoute(query: RouteQuery, signal?: AbortSignal): Promise<RouteResponse> {
  return getJson(await postJson('/api/route', { ...query, geojson: true }, signal));
}

/** Simulated transit times of the routes POST /api/route finds with the same options, with the deadline. */
export async function simulateReliability(
  query: RouteQuery & { deadline: number },
  signal?: AbortSignal,
): Promise<ReliabilityAnswer> {
  return getJson(await postJson('/api/reliability', query, signal));
}

export async function fetchScenarios(): Promise<ScenarioSummary[]> {
  const { scenarios } = await getJson<{ scenarios: ScenarioSummary[] }>(await fetch('/api/scenarios'));
  return scenarios;
}

/** Each measure's capacity on a scenario's network (`caravan capacity`). */
export async function fetchCapacity(id: string): Promise<ScenarioCapacity> {
  return getJson(await fetch(`/api/scenarios/${encodeURIComponent(id)}/capacity`));
}

export async function startScenarioRun(id: string): Promise<ScenarioJob> {
  return getJson(await postJson(`/api/scenarios/${encodeURIComponent(id)}/runs`, {}));
}

export async function fetchJob(id: string): Promise<ScenarioJob> {
  return getJson(await fetch(`/api/jobs/${encodeURIComponent(id)}`, { cache: 'no-store' }));
}

/** The diff when both runs are known, else the jobs the server started for them. */
export async function fetchScenarioDiff(
  base: string,
  other: string,
): Promise<{ diff: ScenarioDiff; links: LinkChange[] } | { jobs: ScenarioJob[] }> {
  const params = new URLSearchParams({ base, other });
  return getJson(await fetch(`/api/scenarios/diff?${params}`, { cache: 'no-store' }));
}

export async function fetchIndicators(by: 'month' | 'quarter', corridor: string): Promise<IndicatorReport> {
  const params = new URLSearchParams({ by, ...(corridor === '' ? {} : { corridor }) });
  return getJson(await fetch(`/api/indicators?${params}`, { cache: 'no-store' }));
}

/** The same indicators as the flat CSV of `caravan indicators --format csv`, for download. */
export async function exportIndicators(by: 'month' | 'quarter', corridor: string): Promise<Blob> {
  const params = new URLSearchParams({ by, format: 'csv', ...(corridor === '' ? {} : { corridor }) });
  return fileOf(await fetch(`/api/indicators?${params}`, { cache: 'no-store' }));
}

/** A file the API answered, for download; an error answer (or an empty one) fails with what the server said. */
async function fileOf(response: Response): Promise<Blob> {
  if (!response.ok) await getJson(response);
  const blob = await response.blob();
  if (blob.size === 0) throw new Error(`the server sent an empty file (${response.status} ${response.url})`);
  return blob;
}

/** A scenario run's link flows as GeoJSON or CSV (GET /api/scenarios/{id}/flows): the run must be done already. */
export async function exportFlows(id: string, format: 'geojson' | 'csv'): Promise<Blob> {
  const params = new URLSearchParams({ format });
  return fileOf(await fetch(`/api/scenarios/${encodeURIComponent(id)}/flows?${params}`));
}

/** The time–distance chart of the stored trips (GET /api/indicators/time-distance), of one corridor or all. */
export async function fetchTimeDistance(corridor: string): Promise<TimeDistanceChart> {
  const params = new URLSearchParams(corridor === '' ? {} : { corridor });
  return getJson(await fetch(`/api/indicators/time-distance?${params}`, { cache: 'no-store' }));
}

/** The sweeps `caravan sweep run` stored, newest first. */
export async function fetchSweeps(): Promise<StoredSweep[]> {
  return (await getJson<{ sweeps: StoredSweep[] }>(await fetch('/api/sweeps', { cache: 'no-store' }))).sweeps;
}

/** A stored sweep's report, as `caravan sweep report <id> --json`. */
export async function fetchSweep(id: string): Promise<SweepReport> {
  return getJson(await fetch(`/api/sweeps/${encodeURIComponent(id)}`, { cache: 'no-store' }));
}

export async function fetchObservations(): Promise<{ series: ObservationSeries[] }> {
  return getJson(await fetch('/api/observations', { cache: 'no-store' }));
}

export async function fetchScorecard(): Promise<Scorecard> {
  return getJson(await fetch('/api/scorecard', { cache: 'no-store' }));
}

export async function fetchTargets(): Promise<{ targets: TargetProgress[]; importedRecords: number }> {
  return getJson(await fetch('/api/targets', { cache: 'no-store' }));
}

export interface ImportSummary {
  file: string;
  rowsRead: number;
  new: number;
  duplicates: number;
  rejected: number;
}

/**
 * Uploads a shipments CSV file with a data steward's token (imports write to the store: `caravan tokens create`);
 * a rejected file is an ApiProblem whose `rejectedRows` say which rows and why.
 */
export async function importShipments(file: File, token: string): Promise<ImportSummary> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = token === '' ? {} : { authorization: `Bearer ${token}` };
  return getJson(await fetch('/api/shipments/import', { method: 'POST', body: form, headers }));
}

/** The routes of a query in one of the API's file formats (GeoJSON, or CSV of one row per step), for download. */
export async function exportRoutes(query: RouteQuery, format: 'geojson' | 'csv'): Promise<Blob> {
  return fileOf(await postJson('/api/route', { ...query, format }));
}

/** The energy layers (pipelines, interconnectors, their points) with utilization at the published swap volumes. */
export async function fetchEnergyGeoJson(): Promise<GeoJSON.FeatureCollection> {
  return getJson(await fetch('/api/energy/geojson'));
}
