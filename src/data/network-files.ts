import type { z } from 'zod';
import {
  CORRIDOR_COLUMNS,
  EMISSION_COLUMNS,
  LINK_COLUMNS,
  NODE_COLUMNS,
  PARAMETER_COLUMNS,
  SOURCE_COLUMNS,
  TRANSFER_COLUMNS,
  corridorRow,
  emissionFactorRow,
  linkRow,
  nodeRow,
  parameterRow,
  sourceRow,
  transferRow,
} from '../model/schemas.js';
import { SERVICE_COLUMNS, serviceRow } from '../model/service-schema.js';
import type { NetworkTables } from '../model/types.js';

/** The files of a network folder, in the order they are read and written, with the schema of each row. */
export interface NetworkFile<K extends keyof NetworkTables = keyof NetworkTables> {
  file: string;
  key: K;
  columns: readonly string[];
  schema: z.ZodType<NetworkTables[K][number], unknown>;
  required: boolean;
}

export const NETWORK_FILES: readonly NetworkFile[] = [
  { file: 'sources.csv', key: 'sources', columns: SOURCE_COLUMNS, schema: sourceRow, required: true },
  { file: 'corridors.csv', key: 'corridors', columns: CORRIDOR_COLUMNS, schema: corridorRow, required: true },
  { file: 'nodes.csv', key: 'nodes', columns: NODE_COLUMNS, schema: nodeRow, required: true },
  { file: 'links.csv', key: 'links', columns: LINK_COLUMNS, schema: linkRow, required: true },
  { file: 'transfers.csv', key: 'transfers', columns: TRANSFER_COLUMNS, schema: transferRow, required: true },
  {
    file: 'emission_factors.csv',
    key: 'emissionFactors',
    columns: EMISSION_COLUMNS,
    schema: emissionFactorRow,
    required: true,
  },
  { file: 'parameters.csv', key: 'parameters', columns: PARAMETER_COLUMNS, schema: parameterRow, required: false },
  { file: 'services.csv', key: 'services', columns: SERVICE_COLUMNS, schema: serviceRow, required: false },
] as NetworkFile[];
