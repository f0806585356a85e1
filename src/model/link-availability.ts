import type { Link } from './types.js';

/**
 * Whether a link carries traffic in a given year. Without a year, the network as it is today: operational links
 * only. With a year, also links under construction or planned whose opening year has come, and not yet operational
 * links that opened later than the year asked for.
 */
export function isLinkOpen(link: Link, year?: number): boolean {
  if (year === undefined) return link.status === 'operational';
  if (link.openingYear !== undefined) return link.openingYear <= year;
  return link.status === 'operational';
}
