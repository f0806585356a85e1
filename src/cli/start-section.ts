import type { Network } from '../model/types.js';

/**
 * One part of the `caravan start` report. Sections are computed once; the result is either printed as JSON under
 * `id` or rendered as text under `title`. A new analysis (e.g. route comparison) joins the report by adding its
 * section to START_SECTIONS, without touching the start command.
 */
export interface StartSection<Result = unknown> {
  /** Key of the section in `start --json` output. */
  id: string;
  title: string;
  /** A title naming what the result is about (e.g. the network's own overview route), in place of `title`. */
  titleOf?(result: Result): string;
  compute(network: Network): Result;
  render(result: Result): string;
}
