/** What a capacity row limits: a link, a border crossing, a port, or the scheduled services on a link. */
export const CAPACITY_KINDS = ['link', 'border', 'port', 'service'] as const;
export type CapacityKind = (typeof CAPACITY_KINDS)[number];
