import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadObservationData } from '../../data/observation-data.js';
import { withPublicPaths } from '../../data/display-path.js';
import { PACKAGE_ROOT } from '../../data/paths.js';
import { loadTradeData } from '../../data/trade-data.js';
import { findNode, nodeMissMessage } from '../../model/find-node.js';
import { formatIssue, InvalidInputError } from '../../model/issues.js';
import { SectionDistances } from '../../monitoring/distance.js';
import type { IndicatorReport } from '../../monitoring/indicators.js';
import { distanceChart } from '../../monitoring/time-distance.js';
import { observationSeries } from '../../monitoring/observations.js';
import { parseMonth } from '../../monitoring/projects.js';
import { buildScorecard } from '../../monitoring/scorecard.js';
import { tradeValueByPair } from '../../monitoring/trade-value.js';
import { targetProgress } from '../../monitoring/trade.js';
import { indicatorsCsv } from '../../render/indicators-csv.js';
import { storedObservations } from '../../store/observations-store.js';
import { PERIOD_KINDS } from '../../monitoring/vocabulary.js';
import { importShipmentsFile, type ImportSummary } from '../../store/import-shipments.js';
import type { Store } from '../../store/store.js';
import type { ApiArea, ServerContext } from '../context.js';
import { StoreAnswerCache } from '../monitoring/indicator-cache.js';
import { sweepStaleUploads, UPLOAD_FIELD, withUploadedFile } from '../monitoring/upload.js';
import { HttpProblem, problemSchema } from '../problem.js';
import { sendRaw } from '../send-raw.js';
import { distanceChartSchema } from '../schemas/distance-chart.js';
import { importSummarySchema, indicatorReportSchema, targetsResponseSchema } from '../schemas/monitoring.js';
import { observationsResponseSchema, scorecardSchema } from '../schemas/scorecard.js';

const NO_STORE =
  'this server has no store of shipment records; start it with `caravan serve` (it opens ./caravan.sqlite, or --db / CARAVAN_DATABASE_URL)';

function storeOf(context: ServerContext): Store {
  if (context.store === undefined) throw new HttpProblem(503, NO_STORE);
  return context.store;
}

const rejectedRowSchema = z.object({ line: z.number().optional(), field: z.string().optional(), message: z.string() });

const rejectionSchema = problemSchema.extend({
  summary: importSummarySchema.omit({ issues: true, rejectsFile: true, store: true }),
  rejectedRows: z.array(rejectedRowSchema).describe('each rejected row: its line in the file, the column and why'),
  rejectedRowsOmitted: z.number().describe('rejected rows beyond those listed'),
});

const IMPORT_DESCRIPTION = `A CSV file of shipment checkpoint records (docs/shipments.md) as multipart/form-data, in the field \`${UPLOAD_FIELD}\`: the same checks and rules as \`caravan shipments import\`. Every row is checked; if any is rejected nothing is imported and the answer is a 422 problem listing the rejected rows with their line and reasons. Importing the same file again adds nothing (\`new: 0\`).`;

/** The summary of an import with every rejected row, as a 422 problem: nothing was imported. */
function rejection(summary: ImportSummary, shown: number): HttpProblem {
  const rows = summary.issues.map(({ line, field, message }) => ({
    ...(line === undefined ? {} : { line }),
    ...(field === undefined ? {} : { field }),
    message,
  }));
  const { issues: _issues, issuesOmitted = 0, rejectsFile: _rejectsFile, store: _store, ...counts } = summary;
  const rowWord = summary.rejected === 1 ? 'row was' : 'rows were';
  return new HttpProblem(
    422,
    `nothing imported: ${summary.rejected} ${rowWord} rejected, and a file is imported whole or not at all; fix the rows listed and upload the file again`,
    rows.slice(0, 20).map((row) => ({
      field: UPLOAD_FIELD,
      message: `${row.line === undefined ? '' : `line ${row.line}: `}${row.field === undefined ? '' : `${row.field}: `}${row.message}`,
    })),
    {
      summary: counts,
      rejectedRows: rows.slice(0, shown),
      rejectedRowsOmitted: Math.max(0, rows.length - shown) + issuesOmitted,
    },
  );
}

export const monitoringArea: ApiArea = {
  tag: {
    name: 'monitoring',
    description: 'Corridor monitoring: shipment records, performance indicators (CAREC CPMM style), trade targets',
  },
  register(app: FastifyInstance, context: ServerContext) {
    const { network, limits } = context;
    const distances = new SectionDistances(network);
    const trade = loadTradeData();
    const indicatorCache = new StoreAnswerCache<IndicatorReport>();
    const chartCache = new StoreAnswerCache<ReturnType<typeof distanceChart>>();

    sweepStaleUploads();
    // Multipart is accepted at the upload endpoint only: its own scope keeps the parser from every other route.
    void app.register(async (scope) => {
      await scope.register(multipart, { limits: { fileSize: limits.uploadBytes, files: 1, fields: 4, parts: 5 } });
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/shipments/import',
        {
          // Imports write to the store: a data steward's token, and their own, lower rate limit.
          config: { role: 'steward', rateLimit: { max: limits.importsPerMinute, timeWindow: 60_000 } },
          schema: {
            tags: ['monitoring'],
            summary: 'Import a shipments CSV file, all or nothing',
            description: IMPORT_DESCRIPTION,
            consumes: ['multipart/form-data'],
            response: {
              200: importSummarySchema.omit({ issues: true, rejectsFile: true, store: true }),
              400: problemSchema,
              401: problemSchema,
              403: problemSchema,
              413: problemSchema,
              415: problemSchema,
              422: rejectionSchema,
              503: problemSchema,
            },
          },
        },
        async (request) => {
          const store = storeOf(context);
          const summary = await withUploadedFile(request, async ({ path, label, dir }) => {
            try {
              const options = {
                label,
                rejectsPath: `${dir}/rejects.csv`,
                actor: `token ${request.principal?.name ?? 'anonymous'}`,
              };
              // Off the request thread when the server has store workers: parsing and checking take seconds.
              return await (context.storeWorkers?.importShipments(path, options) ??
                importShipmentsFile(store, network, path, options));
            } catch (error) {
              if (!(error instanceof InvalidInputError)) throw error;
              const detail = error.issues.map(formatIssue).join('; ');
              throw new HttpProblem(400, `cannot import: ${detail}`, [{ field: UPLOAD_FIELD, message: detail }]);
            }
          });
          if (summary.rejected > 0) throw rejection(summary, limits.rejectedRowsShown);
          // The store's address is the server's business, not its clients'.
          const { issues: _issues, rejectsFile: _rejectsFile, store: _store, ...counts } = summary;
          return counts;
        },
      );
    });

    const api = app.withTypeProvider<ZodTypeProvider>();
    const corridorIds = network.corridors.map((corridor) => corridor.id);
    /** Which stored shipments an indicator answer is about. */
    const storeFilter = {
      corridor: z
        .string()
        .optional()
        .refine((id) => id === undefined || corridorIds.includes(id), {
          error: `expected a corridor of the network: ${corridorIds.join(', ')}`,
        })
        .describe('only shipments of this corridor'),
      node: z
        .string()
        .max(200)
        .optional()
        .describe('only this checkpoint (id or name), the sections to or from it and the shipments through it'),
    };
    const nodeOf = (nodeQuery: string | undefined): string | undefined => {
      if (nodeQuery === undefined || nodeQuery === '') return undefined;
      const found = findNode(network.nodes, nodeQuery);
      if (found.node === undefined)
        throw HttpProblem.invalidField('node', nodeMissMessage(nodeQuery, found.suggestions ?? []));
      return found.node.id;
    };
    api.get(
      '/api/indicators',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Corridor performance indicators from the stored shipments',
          description:
            'Dwell at checkpoints (median, mean, p90), time on each section, payments, speed with and without delay (SWOD, SWD), by month or quarter, with the change from the previous period and the trend: `caravan indicators`. An empty store gives `shipments: 0`.',
          querystring: z.object({
            by: z.enum(PERIOD_KINDS, { error: `expected ${PERIOD_KINDS.join(' or ')}` }).default('quarter'),
            ...storeFilter,
            format: z
              .enum(['json', 'csv'], { error: 'expected json or csv' })
              .default('json')
              .describe(
                'csv: the flat table of `caravan indicators --format csv`, one row per node, section and corridor',
              ),
          }),
          response: { 200: indicatorReportSchema, 400: problemSchema, 503: problemSchema },
        },
      },
      async (request, reply) => {
        const { by, corridor, format } = request.query;
        const node = nodeOf(request.query.node);
        const store = storeOf(context);
        const options = {
          by,
          ...(corridor === undefined ? {} : { corridor }),
          ...(node === undefined ? {} : { node }),
        };
        const report = await indicatorCache.get(store, JSON.stringify([by, corridor, node]), async () => {
          if (context.storeWorkers !== undefined) return context.storeWorkers.indicators(options);
          return store.indicators(network, distances, options);
        });
        if (format === 'csv') return sendRaw(reply, 'text/csv; charset=utf-8', indicatorsCsv(report));
        return report;
      },
    );

    api.get(
      '/api/indicators/time-distance',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Time- and cost-distance chart of the stored shipments',
          description:
            'One line per corridor and way through the checkpoints, OBSERVED and SYNTHETIC trips apart, most trips first: for each checkpoint its km from the origin, the mean hours since leaving the origin on arrival and on departure, and the USD per tonne paid before and after it (`caravan indicators --chart time-distance|cost-distance`). An empty store gives no series.',
          querystring: z.object(storeFilter),
          response: { 200: distanceChartSchema, 400: problemSchema, 503: problemSchema },
        },
      },
      async (request) => {
        const { corridor } = request.query;
        const node = nodeOf(request.query.node);
        const store = storeOf(context);
        return chartCache.get(store, JSON.stringify([corridor, node]), async () =>
          distanceChart(await store.visits(corridor === undefined ? {} : { corridor }), distances, {
            ...(corridor === undefined ? {} : { corridor }),
            ...(node === undefined ? {} : { node }),
          }),
        );
      },
    );

    api.get(
      '/api/targets',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Progress toward each trade and corridor-volume target',
          description:
            'Latest full-year figure, gap, the annual growth needed to reach the target and the recent growth: `caravan targets`. Figures are the bundled, sourced series (data/monitoring/) and any imported into the store.',
          response: { 200: targetsResponseSchema },
        },
      },
      async () => {
        const stored = context.store === undefined ? [] : await context.store.tradeRecords();
        const targets = targetProgress([...trade.records, ...stored]);
        return withPublicPaths({ targets, importedRecords: stored.length }, PACKAGE_ROOT);
      },
    );

    const monitoring = loadObservationData();
    api.get(
      '/api/observations',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Published corridor indicators and volumes (OBSERVED): CAREC CPMM TFI1–TFI4, ports, operators',
          description:
            'Each series (indicator, scope, mode, direction) with its latest figure, change on the year before, trend and sources: `caravan observations`. Bundled figures (data/monitoring/observations.csv) and any imported with `caravan observations import`.',
          response: { 200: observationsResponseSchema },
        },
      },
      async () => {
        const stored = context.store === undefined ? [] : await storedObservations(context.store);
        const series = observationSeries([...monitoring.observations, ...stored]);
        // The schema names the fields clients key on and passes the rest through (loose objects).
        return { label: 'OBSERVED' as const, importedRecords: stored.length, series } as unknown as z.output<
          typeof observationsResponseSchema
        >;
      },
    );

    api.get(
      '/api/scorecard',
      {
        schema: {
          tags: ['monitoring'],
          summary: "The source documents' three tests: trade vs targets, project funding, KTI flows vs 15/20 Mt",
          description:
            'Latest figure, source, trend and status of each test: `caravan scorecard`, without the corridor model run (its modelled throughput is in `scenario run`); the tonnes-to-dollars link uses the base-year flows and commodity values.',
          querystring: z.object({
            asOf: z
              .string()
              .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as YYYY-MM' })
              .optional()
              .describe('the month to judge deadlines at (default: this month)'),
          }),
          response: { 200: scorecardSchema },
        },
      },
      async (request) => {
        const stored = context.store === undefined ? [] : await context.store.tradeRecords();
        const now = new Date();
        const today = parseMonth(
          request.query.asOf ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`,
        )!;
        const data = context.scenarios?.data;
        const card = buildScorecard({
          tradeRecords: [...trade.records, ...stored],
          projects: monitoring.projects,
          commitments: monitoring.commitments,
          flowIndicator: 'kti-bolashak-throughput',
          levelIndicator: 'ir-kz-trade',
          modelled: [],
          pairValues: data === undefined ? [] : tradeValueByPair(data.trade, data.commodities),
          today,
        });
        return card as unknown as z.output<typeof scorecardSchema>;
      },
    );
  },
};
