import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeSwaps, type EnergyReport } from '../../energy/analysis.js';
import { compareEnergy } from '../../energy/diff.js';
import { energyToGeoJson } from '../../energy/geojson.js';
import { applyEnergyLevers } from '../../energy/levers.js';
import {
  energyComparisonSchema,
  energyReportSchema,
  energySummarySchema,
  linkReportSchema,
} from '../../energy/report-schema.js';
import { energyScenarioSchema } from '../../energy/scenario-schema.js';
import { summarizeEnergy } from '../../energy/summary.js';
import type { EnergyNetwork } from '../../energy/types.js';
import { highsSolver } from '../../data/highs-solver.js';
import type { ApiArea, ServerContext } from '../context.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { featureCollectionSchema } from '../schemas/geojson.js';

/** The base report depends only on the loaded layers: computed once per server. */
const reports = new WeakMap<ServerContext, Promise<EnergyReport>>();

function layersOf(context: ServerContext): EnergyNetwork {
  if (context.energy === undefined)
    throw new HttpProblem(404, 'this server has no energy layers: its network folder has no energy/ folder');
  return context.energy;
}

function baseReport(context: ServerContext): Promise<EnergyReport> {
  const energy = layersOf(context);
  let report = reports.get(context);
  if (report === undefined) reports.set(context, (report = analyzeSwaps(energy, highsSolver)));
  return report;
}

const UNITS = 'Gas in bcm/yr, oil in Mt/yr, power in MW (average); a swap’s volumes are in its intake’s unit.';

export const energyArea: ApiArea = {
  tag: {
    name: 'energy',
    description:
      'Energy corridors: gas and oil pipelines, power interconnectors and the swaps that use them (max-flow LP, HiGHS). ' +
      UNITS,
  },
  register(app: FastifyInstance, context: ServerContext) {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/api/energy',
      {
        schema: {
          tags: ['energy'],
          summary: 'The energy layers and the utilization of each link',
          description: `Counts per layer and swap status, and each operational link's net swap flow and utilization when every operating and agreed swap runs at its published volume (\`caravan energy summary\`). ${UNITS}`,
          response: {
            200: z.object({ summary: energySummarySchema, links: z.array(linkReportSchema), jointStatus: z.string() }),
            404: problemSchema,
          },
        },
      },
      async () => {
        const report = await baseReport(context);
        return { summary: summarizeEnergy(layersOf(context)), links: report.links, jointStatus: report.jointStatus };
      },
    );
    api.get(
      '/api/energy/swaps',
      {
        schema: {
          tags: ['energy'],
          summary: 'Each swap: published volume, physical maximum, binding element, fees',
          description: `A swap is two deliveries that net out; its maximum is limited by the tightest element on both legs, the delivery net of the host's fee (\`caravan energy swaps\`). Links without a published capacity never bind. ${UNITS}`,
          response: { 200: energyReportSchema, 404: problemSchema },
        },
      },
      () => baseReport(context),
    );
    api.get(
      '/api/energy/geojson',
      {
        schema: {
          tags: ['energy'],
          summary: 'The energy layers as GeoJSON, for a map layer',
          description: `Each energy point, and each pipeline and interconnector as a line between its ends with \`layer: energy-link\`, its \`commodity\`, \`capacity\`, \`status\` and, for operational links, the net swap \`flow\` and \`utilization\` at the published swap volumes; every feature has its \`sources\` (ids from sources.csv, \`;\`-separated) and \`confidence\`. ${UNITS}`,
          response: { 200: featureCollectionSchema, 404: problemSchema },
        },
      },
      async () => energyToGeoJson(layersOf(context), await baseReport(context)),
    );
    api.post(
      '/api/energy/scenarios',
      {
        schema: {
          tags: ['energy'],
          summary: 'Run an energy scenario against the base',
          description:
            'The body is an energy scenario as the YAML files of scenarios/energy/ hold it, as JSON: a name and levers (capacity, open_link, add_link, swap_volume, swap_fee). Answers the scenario’s report and, beside the base, the swaps and links that change (`caravan energy scenario FILE`). Unknown ids answer 400 naming the lever field.',
          body: energyScenarioSchema,
          response: {
            200: z.object({
              scenario: z.object({ name: z.string(), description: z.string().nullable() }),
              report: energyReportSchema,
              comparison: energyComparisonSchema,
            }),
            400: problemSchema,
            404: problemSchema,
          },
        },
      },
      async (request) => {
        const base = await baseReport(context);
        const applied = applyEnergyLevers(layersOf(context), request.body.levers);
        if (applied.issues.length > 0)
          throw new HttpProblem(
            400,
            applied.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
            applied.issues,
          );
        const report = await analyzeSwaps(applied.energy, highsSolver);
        return {
          scenario: { name: request.body.name, description: request.body.description ?? null },
          report,
          comparison: compareEnergy(base, report),
        };
      },
    );
  },
};
