import { z } from 'zod';
import type { LinkFlow } from '../../corridor/link-flows.js';

export const linkChangeSchema = z.object({
  link: z.string(),
  baseMt: z.number(),
  otherMt: z.number(),
  changeMt: z.number(),
});
export type LinkChange = z.output<typeof linkChangeSchema>;

/** Flow on each link that carries traffic in either run, both ways added up, the largest change first. */
export function linkChanges(base: readonly LinkFlow[], other: readonly LinkFlow[]): LinkChange[] {
  const flows = new Map<string, { baseMt: number; otherMt: number }>();
  for (const flow of base) flows.set(flow.link, { baseMt: flow.totalMt, otherMt: 0 });
  for (const flow of other) flows.set(flow.link, { baseMt: flows.get(flow.link)?.baseMt ?? 0, otherMt: flow.totalMt });
  return [...flows]
    .map(([link, { baseMt, otherMt }]) => ({ link, baseMt, otherMt, changeMt: otherMt - baseMt }))
    .sort((a, b) => Math.abs(b.changeMt) - Math.abs(a.changeMt) || a.link.localeCompare(b.link));
}
