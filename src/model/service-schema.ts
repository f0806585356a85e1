import { z } from 'zod';
import { enumCell, numberCell, optionalNumberCell, slugCell, slugListCell, textCell, yesNoCell } from './cells.js';
import { checkEstimatedFields, provenance, provenanceColumns, withoutUndefined } from './schemas.js';
import type { Service } from './types.js';
import { SERVICE_CAPACITY_UNITS, SERVICE_MODES } from './vocabulary.js';

/**
 * Bounds of a services.csv row, far above any real service, so that a typo (or a hostile file) is refused rather
 * than modelled: the longest China–Europe train runs on about 60 of the network's links; the most frequent Caspian
 * line sails a few times a day; the largest container ship carries about 24,000 TEU (≈ 300,000 t).
 */
export const MAX_SERVICE_LINKS = 200;
export const MAX_DEPARTURES_PER_WEEK = 500;
export const MAX_CAPACITY_PER_DEPARTURE = 500_000;

const serviceShape = {
  id: slugCell(),
  name: textCell(),
  mode: enumCell(SERVICE_MODES),
  operator: textCell(),
  links: slugListCell().superRefine((links, ctx) => {
    if (links.length === 0)
      ctx.addIssue({ code: 'custom', message: "required: the link ids it runs on, ';'-separated" });
    if (links.length > MAX_SERVICE_LINKS)
      ctx.addIssue({ code: 'custom', message: `expected at most ${MAX_SERVICE_LINKS} links, got ${links.length}` });
  }),
  departures_per_week: numberCell({ above: 0, max: MAX_DEPARTURES_PER_WEEK, unit: 'departures per week each way' }),
  capacity_per_departure: numberCell({ above: 0, max: MAX_CAPACITY_PER_DEPARTURE, unit: 't or TEU' }),
  capacity_unit: enumCell(SERVICE_CAPACITY_UNITS),
  exclusive: yesNoCell(false),
  sets_wait: yesNoCell(true),
  queue_h: optionalNumberCell({ min: 0, max: 1000, unit: 'hours' }),
  ...provenanceColumns,
};
export const SERVICE_COLUMNS = Object.keys(serviceShape);

export const serviceRow = z
  .object(serviceShape)
  .superRefine(checkEstimatedFields(SERVICE_COLUMNS))
  .superRefine((row, ctx) => {
    if (row.mode === 'tanker' && row.sets_wait)
      ctx.addIssue({
        code: 'custom',
        path: ['sets_wait'],
        message: 'expected no for a tanker: general cargo cannot take its departures',
      });
    if (row.queue_h !== undefined && !row.exclusive)
      ctx.addIssue({
        code: 'custom',
        path: ['queue_h'],
        message: 'only an exclusive service has a queue: a shared one leaves its link to other ships and trains',
      });
    const seen = new Set<string>();
    row.links.forEach((link, index) => {
      if (seen.has(link)) ctx.addIssue({ code: 'custom', path: ['links', index], message: `repeats "${link}"` });
      seen.add(link);
    });
  })
  .transform(
    (row): Service =>
      withoutUndefined({
        id: row.id,
        name: row.name,
        mode: row.mode,
        operator: row.operator,
        links: row.links,
        departuresPerWeek: row.departures_per_week,
        capacityPerDeparture: row.capacity_per_departure,
        capacityUnit: row.capacity_unit,
        exclusive: row.exclusive,
        setsWait: row.sets_wait,
        queueH: row.queue_h,
        ...provenance(row),
      }) as Service,
  );
