import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { checkAndApplyLevers } from '../corridor/levers.js';
import { optimizationFileSchema, scenarioFileSchema, type OptimizationFile } from '../corridor/scenario-schema.js';
import type { CompiledScenario, CorridorSession } from '../corridor/session.js';
import type { Lever } from '../corridor/types.js';
import { InvalidInputError, type InputIssue } from '../model/issues.js';
import type { MeasureSelection } from '../model/measure.js';
import type { Network } from '../model/types.js';
import { boundedToJs, parseBoundedYaml, YAML_LIMITS } from './yaml-input.js';

export const label = (path: string) => {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
};

/** `levers.2.multiplier` → `levers[2].multiplier`. */
export function keyPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** Reads and parses a YAML file; syntax errors become issues with their line. */
export function readYaml(path: string): unknown {
  const file = label(path);
  if (!existsSync(path))
    throw new InvalidInputError([{ severity: 'error', file, message: 'no such file' }], `cannot read ${file}`);
  let text: string;
  try {
    // A device or a FIFO (`/dev/zero`) would be read for ever; a huge file is refused before it is read.
    const stats = statSync(path);
    if (!stats.isFile())
      throw new InvalidInputError([{ severity: 'error', file, message: 'not a regular file' }], `cannot read ${file}`);
    if (stats.size > YAML_LIMITS.bytes)
      throw new InvalidInputError(
        [
          {
            severity: 'error',
            file,
            message: `the file is ${stats.size} bytes; at most ${YAML_LIMITS.bytes} are read`,
          },
        ],
        `cannot read ${file}`,
      );
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError([{ severity: 'error', file, message: `cannot read: ${(error as Error).message}` }]);
  }
  const { document, issues } = parseBoundedYaml(text, file);
  if (document === undefined) throw new InvalidInputError(issues, `invalid YAML ${file}`);
  const { value, issues: aliasIssues } = boundedToJs(document, file);
  if (aliasIssues.length > 0) throw new InvalidInputError(aliasIssues, `invalid YAML ${file}`);
  return value;
}

/**
 * Where a scenario's `base:` points, when it is allowed: a regular file inside the folder of the scenario first
 * named (symbolic links resolved), so that a scenario from elsewhere cannot make the tool read other files.
 */
function confinedBase(base: string, path: string, folder: string, file: string): string {
  const refuse = (message: string): never => {
    throw new InvalidInputError([{ severity: 'error', file, field: 'base', message }]);
  };
  if (isAbsolute(base))
    refuse(`expected a file name relative to the scenario's folder, got the absolute path "${base.slice(0, 200)}"`);
  const basePath = resolve(dirname(path), base);
  if (!existsSync(basePath)) refuse(`no such file ${label(basePath)}`);
  const real = realpathSync(basePath);
  const root = realpathSync(folder);
  if (real !== root && !real.startsWith(root + sep)) refuse(`"${base.slice(0, 200)}" is outside the scenario's folder`);
  if (!statSync(real).isFile()) refuse(`"${base.slice(0, 200)}" is not a regular file`);
  return basePath;
}

export function parseWith<T>(schema: z.ZodType<T, unknown>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue): InputIssue => {
    const field = keyPath(issue.path);
    return { severity: 'error', file, ...(field === undefined ? {} : { field }), message: issue.message };
  });
  throw new InvalidInputError(issues, `invalid file ${file}`);
}

/**
 * Reads a scenario file and the files it extends (`base`, relative to the file), validates them and checks every
 * id their levers name against the session's dataset. The result's levers are the base's followed by the file's
 * own; its state is the session's calibrated state with them applied, each once, which the run uses as it is.
 */
export function loadScenario(path: string, session: CorridorSession): CompiledScenario {
  const resolved = resolve(path);
  return loadScenarioChain(resolved, [], session, dirname(resolved));
}

function loadScenarioChain(path: string, seen: string[], session: CorridorSession, folder: string): CompiledScenario {
  const file = label(path);
  if (seen.includes(path)) {
    const chain = [...seen, path].map(label).join(' → ');
    throw new InvalidInputError([
      { severity: 'error', file: label(seen.at(-1)!), field: 'base', message: `extends itself: ${chain}` },
    ]);
  }
  const parsed = parseWith(scenarioFileSchema, readYaml(path), file);
  let baseScenario: CompiledScenario['scenario'] | undefined;
  let state = session.calibrated;
  if (parsed.base !== undefined) {
    const basePath = confinedBase(parsed.base, path, folder, file);
    const base = loadScenarioChain(basePath, [...seen, path], session, folder);
    baseScenario = base.scenario;
    state = base.state;
  }
  const year = parsed.year ?? baseScenario?.year;
  if (year === undefined)
    throw new InvalidInputError([
      { severity: 'error', file, field: 'year', message: 'required: expected a year (whole number 1990–2100)' },
    ]);
  const checked = checkAndApplyLevers(state, parsed.levers, file);
  const { issues } = checked;
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid scenario ${file}`);
  const levers: Lever[] = [...(baseScenario?.levers ?? []), ...parsed.levers];
  return {
    scenario: {
      name: parsed.name,
      description: parsed.description,
      year,
      files: [file, ...(baseScenario?.files ?? [])],
      levers,
      assignment: { ...(baseScenario?.assignment ?? {}), ...(parsed.assignment ?? {}) },
    },
    state: checked.state,
  };
}

export interface OptimizationSpec extends OptimizationFile {
  file: string;
  /** What the optimization counts as throughput (a region measure's definition). */
  measure: MeasureSelection & { label: string };
  /** The scenario optimized, in the optimization's year when it names one. */
  scenarioFile: CompiledScenario;
}

/** Reads an optimization file and its scenario; checks that the candidates named exist. */
export function loadOptimization(path: string, session: CorridorSession): OptimizationSpec {
  const { network, data } = session;
  const file = label(path);
  const parsed = parseWith(optimizationFileSchema, readYaml(path), file);
  const known = new Set(data.candidates.map((candidate) => candidate.id));
  const issues: InputIssue[] = [];
  (parsed.candidates ?? []).forEach((id, k) => {
    if (!known.has(id))
      issues.push({
        severity: 'error',
        file,
        field: `candidates[${k}]`,
        message: `unknown candidate "${id}"; expected one of ${[...known].join(', ')}`,
      });
  });
  const measure = optimizationMeasure(parsed.throughput, network, file, issues);
  const scenarioPath = resolve(dirname(resolve(path)), parsed.scenario);
  if (!existsSync(scenarioPath))
    issues.push({ severity: 'error', file, field: 'scenario', message: `no such file ${label(scenarioPath)}` });
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid optimization ${file}`);
  const compiled = loadScenario(scenarioPath, session);
  const scenario = parsed.year === undefined ? compiled.scenario : { ...compiled.scenario, year: parsed.year };
  return { ...parsed, file, measure: measure!, scenarioFile: { scenario, state: compiled.state } };
}

/**
 * What an optimization counts as throughput: the region measure it names, a corridor crossing a country's frontier,
 * or the region's first gateway measure. A busiest-section measure is no sum of tonnes, so it cannot be maximized.
 */
function optimizationMeasure(
  throughput: OptimizationFile['throughput'],
  network: Network,
  file: string,
  issues: InputIssue[],
): (MeasureSelection & { label: string }) | undefined {
  const measures = network.region?.measures ?? [];
  const fail = (field: string, message: string) => {
    issues.push({ severity: 'error', file, field, message });
    return undefined;
  };
  if (throughput.measure !== undefined) {
    if (throughput.corridor !== undefined || throughput.country !== undefined)
      return fail('throughput', 'give either measure or corridor and country, not both');
    const measure = measures.find((candidate) => candidate.id === throughput.measure);
    if (measure === undefined)
      return fail(
        'throughput.measure',
        `unknown measure "${throughput.measure}"; expected one of ${measures.map((m) => m.id).join(', ') || '(none in region.yaml)'}`,
      );
    if (measure.kind !== 'gateway')
      return fail(
        'throughput.measure',
        `measure "${measure.id}" is a ${measure.kind}: optimize needs a gateway measure`,
      );
    return measure;
  }
  if (throughput.corridor !== undefined || throughput.country !== undefined) {
    if (throughput.corridor === undefined || throughput.country === undefined)
      return fail('throughput', 'give both corridor and country (or a measure)');
    if (!network.corridors.some((corridor) => corridor.id === throughput.corridor))
      return fail('throughput.corridor', `unknown corridor "${throughput.corridor}"`);
    return {
      kind: 'gateway',
      corridor: throughput.corridor,
      crossing: throughput.country,
      direction: 'both',
      label: `tonnes crossing the ${throughput.country} frontier on ${throughput.corridor} links`,
    };
  }
  const first = measures.find((measure) => measure.kind === 'gateway');
  return first ?? fail('throughput', "required: the network's region.yaml defines no gateway measure to default to");
}
