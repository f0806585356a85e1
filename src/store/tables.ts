import type { Generated } from 'kysely';

/** The store's tables, as Kysely sees them (created by migrations.ts). */
export interface Tables {
  imports: ImportsTable;
  shipments: ShipmentsTable;
  checkpoints: CheckpointsTable;
  trade_records: TradeRecordsTable;
  observations: ObservationsTable;
  sweeps: SweepsTable;
  sweep_samples: SweepSamplesTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  indicator_reports: IndicatorReportsTable;
}

/** The dashboard's indicator reports, computed by the import or revert that left the shipments as they are. */
export interface IndicatorReportsTable {
  /** The store's shipments stamp (Store.shipmentsStamp) when the report was computed. */
  stamp: string;
  /** The network it was computed on (networkKey). */
  network_key: string;
  /** Its options (optionsKey). */
  options_key: string;
  /** The report as JSON. */
  report: string;
}

export interface JobsTable {
  id: string;
  /** What the job computes, e.g. `scenario-run`: the server's runner for that kind resumes it after a restart. */
  kind: string;
  /** The job's resolved inputs: the same key gives the same result. */
  job_key: string;
  /** The job's inputs as JSON. */
  params: string;
  /** `queued`, `running`, `succeeded` or `failed`. */
  status: string;
  cached: number;
  submitted_at: string;
  finished_at: string | null;
  /** The result as JSON, once succeeded. */
  result: string | null;
  error: string | null;
}

export interface SweepsTable {
  id: string;
  name: string;
  /** The SweepSpec as JSON. */
  spec: string;
  /** What its report needs besides the samples, as JSON: the inputs' definitions and the region's measures. */
  context: string;
  created_at: string;
}

export interface SweepSamplesTable {
  sweep_id: string;
  sample: number;
  /** The input values drawn, as a JSON array in the order of the sweep's inputs. */
  input_values: string;
  /** SampleOutputs as JSON. */
  outputs: string;
}

export interface ImportsTable {
  id: Generated<number>;
  /** `shipments` or `targets`. */
  kind: string;
  file: string;
  sha256: string;
  imported_at: string;
  rows_read: number;
  rows_new: number;
  /** Who imported the file: `token NAME` through the API, `cli USER` from the command line. */
  actor: Generated<string>;
  /** When the import was undone with `caravan imports revert` (its rows are gone; this record stays), and by whom. */
  reverted_at: string | null;
  reverted_by: string | null;
}

export interface ShipmentsTable {
  shipment_id: string;
  corridor: string;
  mode: string;
  cargo_t: number;
  teu: number | null;
  /** 1 for synthetic records. */
  synthetic: number;
  /** Added by migration 0004; null when the record does not say. */
  commodity: string | null;
  import_id: number;
}

export interface CheckpointsTable {
  shipment_id: string;
  seq: number;
  node: string;
  /** Canonical ISO 8601 text with offset; the instant and offset also as numbers for queries. */
  arrival: string;
  arrival_ms: number;
  arrival_offset_min: number;
  departure: string;
  departure_ms: number;
  departure_offset_min: number;
  official_cost_usd: number;
  unofficial_cost_usd: number;
  delay_reason: string;
  import_id: number;
  /** Line of the imported file the record came from. */
  line: number;
}

export interface TradeRecordsTable {
  id: string;
  kind: string;
  indicator: string;
  label: string;
  period: string;
  value: number;
  unit: string;
  qualifier: string;
  sources: string;
  confidence: string;
  estimated_fields: string;
  notes: string | null;
  import_id: number;
  line: number;
}

export interface ObservationsTable {
  id: string;
  indicator: string;
  scope: string;
  scope_id: string;
  mode: string;
  direction: string;
  period: string;
  value: number;
  unit: string;
  sources: string;
  confidence: string;
  estimated_fields: string;
  notes: string | null;
  import_id: number;
  line: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  /** `viewer`, `steward` or `admin`. */
  role: string;
  /** Hex scrypt salt and hash of the token's secret; the secret itself is shown once, when created. */
  salt: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}
