import type {
  Corridor,
  EmissionFactor,
  Link,
  NetworkTables,
  NetworkNode,
  Parameter,
  Service,
  Source,
  TransferRule,
} from '../model/types.js';

/**
 * Domain records back to rows keyed by the documented column names, with typed values (numbers, lists, booleans).
 * CSV writing turns the values into text; GeoJSON keeps them typed. Absent values are left out.
 */
export type RowValue = string | number | boolean | string[] | (readonly [number, number])[];
export type Row = Record<string, RowValue>;

function compact(row: Record<string, RowValue | undefined>): Row {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Row;
}

function provenanceRow(record: { sources: string[]; confidence: string; estimatedFields: string[]; notes?: string }) {
  return {
    sources: record.sources,
    confidence: record.confidence,
    estimated_fields: record.estimatedFields.length > 0 ? record.estimatedFields : undefined,
    notes: record.notes,
  };
}

export const sourceToRow = (source: Source): Row =>
  compact({
    id: source.id,
    title: source.title,
    publisher: source.publisher,
    url: source.url,
    document: source.document,
    year: source.year,
    notes: source.notes,
  });

export const corridorToRow = (corridor: Corridor): Row =>
  compact({ id: corridor.id, name: corridor.name, description: corridor.description, sources: corridor.sources });

export const nodeToRow = (node: NetworkNode): Row =>
  compact({
    id: node.id,
    name: node.name,
    country: node.country,
    kind: node.kind,
    lat: node.lat,
    lon: node.lon,
    border_with: node.border?.with,
    dwell_median_h: node.border?.dwellMedianH,
    dwell_p90_h: node.border?.dwellP90H,
    crossing_usd_per_t: node.border?.usdPerT,
    crossing_usd_per_teu: node.border?.usdPerTeu,
    handling_hours: node.handling?.hours,
    handling_usd_per_t: node.handling?.usdPerT,
    handling_usd_per_teu: node.handling?.usdPerTeu,
    capacity_mt_per_yr: node.capacityMtPerYr,
    ...provenanceRow(node),
  });

export const linkToRow = (link: Link): Row =>
  compact({
    id: link.id,
    from: link.from,
    to: link.to,
    mode: link.mode,
    km: link.km,
    gauge_mm: link.gaugeMm,
    speed_kmh: link.speedKmh,
    tariff_usd_per_tkm: link.tariffUsdPerTkm,
    tariff_usd_per_teu_km: link.tariffUsdPerTeuKm,
    capacity_mt_per_yr: link.capacityMtPerYr,
    status: link.status,
    opening_year: link.openingYear,
    bidirectional: link.bidirectional,
    corridors: link.corridors.length > 0 ? link.corridors : undefined,
    service_interval_h: link.serviceIntervalH,
    geometry: link.waypoints.length > 0 ? [...link.waypoints] : undefined,
    ...provenanceRow(link),
  });

export const transferToRow = (rule: TransferRule): Row =>
  compact({
    id: rule.id,
    node: rule.node,
    kind: rule.kind,
    from: rule.from,
    to: rule.to,
    hours: rule.hours,
    usd_per_t: rule.usdPerT,
    usd_per_teu: rule.usdPerTeu,
    bidirectional: rule.bidirectional,
    ...provenanceRow(rule),
  });

export const emissionFactorToRow = (factor: EmissionFactor): Row =>
  compact({ mode: factor.mode, g_co2e_per_tkm: factor.gCo2ePerTkm, ...provenanceRow(factor) });

export const parameterToRow = (parameter: Parameter): Row =>
  compact({
    key: parameter.key,
    value: parameter.value,
    unit: parameter.unit,
    sources: parameter.sources,
    confidence: parameter.confidence,
    notes: parameter.notes,
  });

export const serviceToRow = (service: Service): Row =>
  compact({
    id: service.id,
    name: service.name,
    mode: service.mode,
    operator: service.operator,
    links: service.links,
    departures_per_week: service.departuresPerWeek,
    capacity_per_departure: service.capacityPerDeparture,
    capacity_unit: service.capacityUnit,
    exclusive: service.exclusive,
    sets_wait: service.setsWait,
    queue_h: service.queueH,
    ...provenanceRow(service),
  });

export const ROW_WRITERS: { [K in keyof NetworkTables]: (record: NetworkTables[K][number]) => Row } = {
  sources: sourceToRow,
  corridors: corridorToRow,
  nodes: nodeToRow,
  links: linkToRow,
  transfers: transferToRow,
  emissionFactors: emissionFactorToRow,
  parameters: parameterToRow,
  services: serviceToRow,
};
