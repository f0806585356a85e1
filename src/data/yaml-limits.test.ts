import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corridorSession } from '../corridor/session.js';
import { formatIssue, InvalidInputError } from '../model/issues.js';
import { tempDir } from '../test-support/fixture-network.js';
import { runCli } from '../test-support/run-cli.js';
import { BUNDLED_DEMAND_DIR, loadCorridorData } from './corridor-data.js';
import { loadNetwork } from './load-network.js';
import { BUNDLED_NETWORK_DIR } from './paths.js';
import { loadScenario } from './scenario-file.js';
import { parseBoundedYaml, YAML_LIMITS } from './yaml-input.js';

const { network } = loadNetwork(BUNDLED_NETWORK_DIR);
const session = corridorSession(network, loadCorridorData(BUNDLED_DEMAND_DIR, network));
const HEAD = 'name: test\ndescription: a test scenario\nyear: 2027\n';

function problems(dir: string, main: string): string[] {
  try {
    loadScenario(join(dir, main), session);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error.issues.map((issue) => formatIssue(issue).replaceAll(`${dir}/`, ''));
  }
  return [];
}

describe('a scenario base', () => {
  it('is refused outside the scenario folder, through a link, or when it is not a regular file', () => {
    const root = tempDir();
    const dir = join(root, 'scenarios');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(root, 'outside.yaml'), HEAD);
    writeFileSync(join(dir, 'sub', 'inside.yaml'), HEAD);
    symlinkSync(join(root, 'outside.yaml'), join(dir, 'link.yaml'));
    const cases: Record<string, RegExp> = {
      '/etc/passwd': /base: expected a file name relative to the scenario's folder, got the absolute path/,
      '/dev/zero': /base: expected a file name relative/,
      '../outside.yaml': /base: "..\/outside.yaml" is outside the scenario's folder/,
      'link.yaml': /base: "link.yaml" is outside the scenario's folder/,
      sub: /base: "sub" is not a regular file/,
    };
    for (const [base, expected] of Object.entries(cases)) {
      writeFileSync(join(dir, 'x.yaml'), `${HEAD}base: ${base}\n`);
      const found = problems(dir, 'x.yaml');
      expect(found, base).toHaveLength(1);
      expect(found[0], base).toMatch(expected);
      expect(found[0]).not.toMatch(/root:/);
    }
    writeFileSync(join(dir, 'x.yaml'), `${HEAD}base: sub/inside.yaml\n`);
    expect(problems(dir, 'x.yaml')).toEqual([]);
  });

  it('base: /etc/passwd → exit 2 from the CLI, printing nothing of the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.yaml'), `${HEAD}base: /etc/passwd\n`);
    const run = await runCli('scenario', 'run', join(dir, 'x.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/base: expected a file name relative/);
    expect(run.stdout + run.stderr).not.toMatch(/root:|nologin/);
  });
});

describe('YAML limits', () => {
  it('refuses a billion laughs, too many keys, deep nesting and an oversized file, each as an issue', () => {
    const laughs =
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n';
    const keys = `${HEAD}levers:\n${Array.from({ length: 18_000 }, (_, i) => `  k${i}: 1`).join('\n')}\n`;
    const deep = `${HEAD}x: ${'['.repeat(40)}1${']'.repeat(40)}\n`;
    const large = `${HEAD}description2: "${'x'.repeat(YAML_LIMITS.bytes)}"\n`;
    const dir = tempDir();
    const cases: Record<string, RegExp> = {
      laughs: /aliases expand too far/,
      keys: /too many keys and items|keys and items; at most/,
      deep: /nested deeper than 32 levels/,
      large: /at most 262144 are read/,
    };
    for (const [name, text] of Object.entries({ laughs, keys, deep, large })) {
      writeFileSync(join(dir, `${name}.yaml`), text);
      const found = problems(dir, `${name}.yaml`);
      expect(found, name).toHaveLength(1);
      expect(found[0], name).toMatch(cases[name]!);
    }
  });

  it('parses the files it accepts as before', () => {
    const { document, issues } = parseBoundedYaml('a: 1\nb: [1, 2]\n', 'x.yaml');
    expect(issues).toEqual([]);
    expect(document?.toJS()).toEqual({ a: 1, b: [1, 2] });
    expect(parseBoundedYaml('<<: {a: 1}\n', 'x.yaml').document?.toJS()).toEqual({ '<<': { a: 1 } });
    // Found by the fuzz suite: a list containing itself was an internal error.
    const dir = tempDir();
    writeFileSync(join(dir, 'self.yaml'), '&a [*a]');
    expect(problems(dir, 'self.yaml')).toEqual([
      'self.yaml: an alias refers to the node that contains it (&a [*a]): expected plain values',
    ]);
  });
});
