import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { INPUT_KINDS, uncertainInputs } from '../corridor/sweep/inputs.js';
import type { SweepSpec } from '../corridor/sweep/spec.js';
import { sweepFileSchema } from '../corridor/sweep/sweep-schema.js';
import type { CorridorSession } from '../corridor/session.js';
import { InvalidInputError, type InputIssue } from '../model/issues.js';
import { label, loadScenario, parseWith, readYaml } from './scenario-file.js';

/**
 * A fingerprint of the network and corridor data a session works on, without the files' own paths: two machines
 * with the same dataset agree on it, so a worker can tell whether it runs the sweep on the data it was defined on.
 */
export function datasetFingerprint(session: CorridorSession): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([session.network, session.data], (key, value: unknown) => (key === 'origin' ? undefined : value)),
  );
  return hash.digest('hex').slice(0, 16);
}

/**
 * Reads a sweep file and its base scenario, validates them and checks the inputs it names against the uncertain
 * inputs of the dataset. The sweep's id is a hash of its definition and dataset: running the same file again on the
 * same data resumes the same sweep.
 */
export function loadSweep(
  path: string,
  session: CorridorSession,
  overrides: { samples?: number; seed?: string | number } = {},
): SweepSpec {
  const file = label(resolve(path));
  // The API's sample count and seed replace the file's before the id is derived: another count is another sweep.
  const parsed = { ...parseWith(sweepFileSchema, readYaml(resolve(path)), file), ...overrides };
  const scenarioPath = resolve(dirname(resolve(path)), parsed.scenario);
  if (!existsSync(scenarioPath))
    throw new InvalidInputError([
      { severity: 'error', file, field: 'scenario', message: `no such file ${label(scenarioPath)}` },
    ]);
  const compiled = loadScenario(scenarioPath, session);
  const issues: InputIssue[] = [];
  const known = uncertainInputs(session, compiled);
  if (parsed.inputs !== 'all')
    parsed.inputs.forEach((name, k) => {
      if (!(INPUT_KINDS as readonly string[]).includes(name) && !known.some((input) => input.id === name))
        issues.push({
          severity: 'error',
          file,
          field: `inputs[${k}]`,
          message: `unknown input "${name}"; expected "all", a kind (${INPUT_KINDS.join(', ')}) or an input id such as ${known[0]?.id ?? 'tariff:rail'}`,
        });
    });
  const regionYears = [...new Set((session.network.region?.targets ?? []).map((target) => target.year))].sort();
  const years = [...new Set(parsed.years ?? regionYears)].sort((a, b) => a - b);
  if (years.length === 0)
    issues.push({
      severity: 'error',
      file,
      field: 'years',
      message: 'required: the network has no target years; expected a list of years',
    });
  years.forEach((year, k) => {
    if (year < session.baseYear)
      issues.push({
        severity: 'error',
        file,
        field: `years[${k}]`,
        message: `expected a year from ${session.baseYear} (the base year) on, got ${year}`,
      });
  });
  if (issues.length > 0) throw new InvalidInputError(issues, `invalid sweep ${file}`);
  const definition = {
    scenario: compiled.scenario.levers,
    assignment: compiled.scenario.assignment,
    years,
    samples: parsed.samples,
    design: parsed.design,
    seed: parsed.seed,
    inputs: parsed.inputs,
    capacity: parsed.capacity,
    dataset: datasetFingerprint(session),
  };
  const id = `${parsed.name}-${createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 10)}`;
  return {
    id,
    name: parsed.name,
    description: parsed.description,
    file,
    scenario: compiled.scenario,
    years,
    samples: parsed.samples,
    design: parsed.design,
    seed: parsed.seed,
    inputs: parsed.inputs,
    capacity: parsed.capacity,
    dataset: definition.dataset,
  };
}
