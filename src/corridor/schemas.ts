import { z } from 'zod';
import {
  countryCell,
  enumCell,
  optionalEnumCell,
  numberCell,
  optionalNumberCell,
  optionalTextCell,
  slugCell,
  slugListCell,
  textCell,
  textListCell,
} from '../model/cells.js';
import { checkEstimatedFields, provenance, provenanceColumns } from '../model/schemas.js';
import { MODES } from '../model/vocabulary.js';
import type {
  CalibrationAdjustment,
  CommodityParameters,
  DemandRow,
  ElementRef,
  GrowthRate,
  ObservedVolume,
  ShareObservation,
  TradeFlow,
  UpgradeCandidate,
  ZoneWeight,
} from './types.js';
import { COMMODITIES } from './types.js';

/** Row schemas of the corridor data files (demand/ folder), with the same provenance columns as the network. */

const ELEMENT = /^(link|node|corridor):([a-z0-9]+(?:-[a-z0-9]+)*(?:\+[a-z0-9]+(?:-[a-z0-9]+)*)*)$/;
export const elementCell = () =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z
      .string({ error: 'required: expected link:ID, node:ID or corridor:ID' })
      .regex(ELEMENT, {
        error: (issue) =>
          `expected link:ID, node:ID or corridor:ID (several ids joined by +), got "${String(issue.input)}"`,
      })
      .transform((text): ElementRef => {
        const match = ELEMENT.exec(text)!;
        return { kind: match[1] as ElementRef['kind'], id: match[2]! };
      }),
  );

/** Modes separated by ';'. */
const modeListCell = () =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(';')
            .map((m) => m.trim())
            .filter((m) => m !== '')
        : value,
    z.array(
      z.enum(MODES, {
        error: (issue) => `expected ';'-separated modes among ${MODES.join(', ')}, got "${String(issue.input)}"`,
      }),
    ),
  );

const demandShape = {
  origin: slugCell(),
  destination: slugCell(),
  commodity: enumCell(COMMODITIES),
  year: numberCell({ integer: true, min: 1990, max: 2100 }),
  mt_per_yr: numberCell({ min: 0, unit: 'Mt per year' }),
  ...provenanceColumns,
};
export const DEMAND_COLUMNS = Object.keys(demandShape);
export const demandRow = z
  .object(demandShape)
  .superRefine(checkEstimatedFields(DEMAND_COLUMNS))
  .transform((row): DemandRow => ({
    from: row.origin,
    to: row.destination,
    commodity: row.commodity,
    year: row.year,
    mtPerYr: row.mt_per_yr,
    ...provenance(row),
  }));

const tradeShape = {
  id: slugCell(),
  origin_country: countryCell(),
  destination_country: countryCell(),
  commodity: enumCell(COMMODITIES),
  year: numberCell({ integer: true, min: 1990, max: 2100 }),
  mt_per_yr: numberCell({ above: 0, unit: 'Mt per year' }),
  origin_zones: slugListCell(),
  destination_zones: slugListCell(),
  ...provenanceColumns,
};
export const TRADE_COLUMNS = Object.keys(tradeShape);
export const tradeRow = z
  .object(tradeShape)
  .superRefine(checkEstimatedFields(TRADE_COLUMNS))
  .transform((row): TradeFlow => ({
    id: row.id,
    originCountry: row.origin_country,
    destinationCountry: row.destination_country,
    commodity: row.commodity,
    year: row.year,
    mtPerYr: row.mt_per_yr,
    originZones: row.origin_zones,
    destinationZones: row.destination_zones,
    ...provenance(row),
  }));

const zoneShape = {
  zone: slugCell(),
  country: countryCell(),
  commodity: optionalEnumCell(COMMODITIES),
  role: enumCell(['origin', 'destination', 'both'] as const),
  weight: numberCell({ above: 0 }),
  ...provenanceColumns,
};
export const ZONE_COLUMNS = Object.keys(zoneShape);
export const zoneRow = z
  .object(zoneShape)
  .superRefine(checkEstimatedFields(ZONE_COLUMNS))
  .transform((row): ZoneWeight => ({
    zone: row.zone,
    country: row.country,
    ...(row.commodity === undefined ? {} : { commodity: row.commodity }),
    role: row.role,
    weight: row.weight,
    ...provenance(row),
  }));

const growthShape = {
  country: countryCell(),
  from_year: numberCell({ integer: true, min: 1990, max: 2100 }),
  to_year: numberCell({ integer: true, min: 1990, max: 2100 }),
  gdp_growth_pct: numberCell({ min: -30, max: 30, unit: '% a year' }),
  ...provenanceColumns,
};
export const GROWTH_COLUMNS = Object.keys(growthShape);
export const growthRow = z
  .object(growthShape)
  .superRefine(checkEstimatedFields(GROWTH_COLUMNS))
  .refine((row) => row.to_year >= row.from_year, {
    error: 'to_year: expected a year at or after from_year',
    path: ['to_year'],
  })
  .transform((row): GrowthRate => ({
    country: row.country,
    fromYear: row.from_year,
    toYear: row.to_year,
    gdpGrowthPct: row.gdp_growth_pct,
    ...provenance(row),
  }));

const commodityShape = {
  commodity: enumCell(COMMODITIES),
  name: textCell(),
  value_usd_per_t: numberCell({ above: 0, unit: 'USD per tonne' }),
  value_of_time_usd_per_t_h: numberCell({ above: 0, unit: 'USD per tonne-hour' }),
  modes: modeListCell(),
  ...provenanceColumns,
};
export const COMMODITY_COLUMNS = Object.keys(commodityShape);
export const commodityRow = z
  .object(commodityShape)
  .superRefine(checkEstimatedFields(COMMODITY_COLUMNS))
  .transform((row): CommodityParameters => ({
    commodity: row.commodity,
    name: row.name,
    valueUsdPerT: row.value_usd_per_t,
    valueOfTimeUsdPerTH: row.value_of_time_usd_per_t_h,
    modes: row.modes,
    ...provenance(row),
  }));

const observedShape = {
  id: slugCell(),
  element: elementCell(),
  year: numberCell({ integer: true, min: 1990, max: 2100 }),
  observed_mt: numberCell({ min: 0, unit: 'Mt per year' }),
  tolerance_pct: numberCell({ above: 0, max: 100, unit: '%' }),
  use: optionalEnumCell(['fit', 'validation'] as const),
  sources: provenanceColumns.sources,
  confidence: provenanceColumns.confidence,
  notes: optionalTextCell(),
};
export const OBSERVED_COLUMNS = Object.keys(observedShape);
export const observedRow = z.object(observedShape).transform((row): ObservedVolume => ({
  id: row.id,
  element: row.element,
  year: row.year,
  observedMt: row.observed_mt,
  tolerancePct: row.tolerance_pct,
  use: row.use ?? 'fit',
  sources: row.sources,
  confidence: row.confidence,
  ...(row.notes === undefined ? {} : { notes: row.notes }),
}));

const countryListCell = () =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(';')
            .map((c) => c.trim())
            .filter((c) => c !== '')
        : value,
    z.array(countryCell()).min(1, { error: "required: expected ';'-separated country codes such as KZ;UZ" }),
  );

const shareShape = {
  id: slugCell(),
  origin_countries: countryListCell(),
  destination_countries: countryListCell(),
  commodity: optionalEnumCell(COMMODITIES),
  element: elementCell(),
  year: numberCell({ integer: true, min: 1990, max: 2100 }),
  observed_share: numberCell({ min: 0, max: 1, unit: 'share (0–1)' }),
  use: optionalEnumCell(['fit', 'validation'] as const),
  sources: provenanceColumns.sources,
  confidence: provenanceColumns.confidence,
  notes: optionalTextCell(),
};
export const SHARE_COLUMNS = Object.keys(shareShape);
export const shareRow = z.object(shareShape).transform((row): ShareObservation => ({
  id: row.id,
  originCountries: row.origin_countries,
  destinationCountries: row.destination_countries,
  ...(row.commodity === undefined ? {} : { commodity: row.commodity }),
  element: row.element,
  year: row.year,
  observedShare: row.observed_share,
  use: row.use ?? 'fit',
  sources: row.sources,
  confidence: row.confidence,
  ...(row.notes === undefined ? {} : { notes: row.notes }),
}));

const candidateShape = {
  id: slugCell(),
  name: textCell(),
  element: elementCell(),
  action: enumCell(['add_capacity', 'open_link'] as const),
  capacity_mt_per_yr: optionalNumberCell({ above: 0, unit: 'Mt per year' }),
  cost_musd: numberCell({ min: 0, unit: 'million USD' }),
  ...provenanceColumns,
};
export const CANDIDATE_COLUMNS = Object.keys(candidateShape);
export const candidateRow = z
  .object(candidateShape)
  .superRefine(checkEstimatedFields(CANDIDATE_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.action === 'add_capacity' && row.capacity_mt_per_yr === undefined)
      ctx.addIssue({ code: 'custom', path: ['capacity_mt_per_yr'], message: 'required for add_capacity' });
    if (row.action === 'open_link' && row.element.kind !== 'link')
      ctx.addIssue({ code: 'custom', path: ['element'], message: 'open_link needs a link:ID element' });
  })
  .transform((row): UpgradeCandidate => ({
    id: row.id,
    name: row.name,
    element: row.element,
    action: row.action,
    ...(row.capacity_mt_per_yr === undefined ? {} : { capacityMtPerYr: row.capacity_mt_per_yr }),
    costMusd: row.cost_musd,
    ...provenance(row),
  }));

const calibrationShape = {
  id: slugCell(),
  modes: modeListCell(),
  countries: textListCell(),
  links: slugListCell(),
  corridors: slugListCell(),
  tariff_multiplier: numberCell({ above: 0 }),
  ...provenanceColumns,
};
export const CALIBRATION_COLUMNS = Object.keys(calibrationShape);
export const calibrationRow = z
  .object(calibrationShape)
  .superRefine(checkEstimatedFields(CALIBRATION_COLUMNS))
  .transform((row): CalibrationAdjustment => ({
    id: row.id,
    lever: {
      type: 'tariff',
      multiplier: row.tariff_multiplier,
      modes: row.modes,
      countries: row.countries,
      links: row.links,
      corridors: row.corridors,
    },
    ...provenance(row),
  }));
