import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { braess, tntpNetText, tntpTripsText } from '../../test-support/assign-networks.js';
import { tempDir } from '../../test-support/fixture-network.js';
import { runCli } from '../../test-support/run-cli.js';

const STACK_FRAME = /^\s+at /m;

function braessFiles(): { dir: string; net: string; trips: string } {
  const dir = tempDir();
  const instance = braess();
  const net = join(dir, 'Braess_net.tntp');
  const trips = join(dir, 'Braess_trips.tntp');
  writeFileSync(net, tntpNetText(instance.links));
  writeFileSync(trips, tntpTripsText(instance.links.zones, instance.od));
  return { dir, net, trips };
}

describe('caravan assign', () => {
  it('assigns a TNTP network, prints a summary and writes flows as CSV', async () => {
    const { dir, net, trips } = braessFiles();
    const out = join(dir, 'flows.csv');
    const { code, stdout, stderr } = await runCli(
      'assign',
      '--net',
      net,
      '--trips',
      trips,
      '--gap',
      '1e-10',
      '--out',
      out,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^algorithm +Algorithm B \(Dial 2006\)$/m);
    expect(stdout).toMatch(/^network +Braess_net\.tntp: 4 nodes, 5 links, 2 zones$/m);
    expect(stdout).toMatch(/^relative gap +\S+ \(target 1e-10, reached\)$/m);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('from,to,volume,cost');
    expect(rows).toHaveLength(6);
    expect(Number(rows[1]!.split(',')[2])).toBeCloseTo(51 / 13, 6);
  });

  it('prints JSON with --json, for every algorithm, and writes TNTP flows for a .tntp name', async () => {
    const { dir, net, trips } = braessFiles();
    for (const algorithm of ['msa', 'fw', 'cfw', 'bfw', 'b']) {
      const out = join(dir, `${algorithm}_flow.tntp`);
      const args = ['assign', '--net', net, '--trips', trips, '--algorithm', algorithm, '--max-iter', '50', '--json'];
      const { code, stdout, stderr } = await runCli(...args, '--out', out);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const summary = JSON.parse(stdout);
      expect(summary).toMatchObject({ algorithm, network: { nodes: 4, links: 5, zones: 2 }, trips: { total: 6 } });
      expect(summary.gap).toBeLessThan(0.01);
      expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('From \tTo \tVolume \tCost ');
    }
  });

  it('shows the progress line on stderr with --progress', async () => {
    const { net, trips } = braessFiles();
    const { code, stderr } = await runCli('assign', '--net', net, '--trips', trips, '--progress');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^iteration \d+ {2}\[[#.]{20}\] {2}gap \S+ {2}\d+\.\d s$/m);
  });

  it('reports a malformed network file as file:line errors and exits 2, without a stack trace', async () => {
    const { net, trips } = braessFiles();
    const lines = readFileSync(net, 'utf8').split('\n');
    lines[8] = '\t1\t3\tlots\t1\t50\t0.02\t1\t0\t0\t1\t;';
    lines[9] = '\t3\t9\t1\t1\t10\t0.1\t1\t0\t0\t1\t;';
    writeFileSync(net, lines.join('\n'));
    const { code, stdout, stderr } = await runCli('assign', '--net', net, '--trips', trips);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${net}:9: capacity: expected a number, got "lots"`,
      `${net}:10: term_node: expected a node id 1…4, got "9"`,
    ]);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('reports a malformed trip table as file:line errors and exits 2', async () => {
    const { net, trips } = braessFiles();
    writeFileSync(trips, '<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n  2 : six;\n');
    const { code, stderr } = await runCli('assign', '--net', net, '--trips', trips);
    expect(code).toBe(2);
    expect(stderr).toBe(`${trips}:4: volume: expected a number ≥ 0, got "six"\n`);
  });

  it('reports trips that cannot be assigned, missing files and bad options plainly, exit 2', async () => {
    const { dir, net, trips } = braessFiles();
    writeFileSync(trips, '<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 2\n  1 : 5;\n');
    let run = await runCli('assign', '--net', net, '--trips', trips);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${trips}: no path from zone 2 to zone 1, which have demand\n`);
    run = await runCli('assign', '--net', join(dir, 'missing_net.tntp'), '--trips', trips);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${join(dir, 'missing_net.tntp')}: .*no such file`));
    run = await runCli('assign', '--net', net, '--trips', trips, '--gap', 'small');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --gap: expected a number ≥ 0, got "small"\n');
    run = await runCli('assign', '--trips', trips);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: required option '--net <file>' not specified\n");
    run = await runCli('assign', '--net', net, '--trips', trips, '--algorithm', 'tapas');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are msa, fw, cfw, bfw, b/);
  });
});

describe('caravan assign compare', () => {
  it('prints max absolute and relative differences and the RMSE', async () => {
    const dir = tempDir();
    const flows = join(dir, 'flows.csv');
    const reference = join(dir, 'ref_flow.tntp');
    writeFileSync(flows, 'from,to,volume,cost\n1,2,101,1\n2,3,50,1\n1,2,10,1\n');
    writeFileSync(reference, 'From \tTo \tVolume \tCost \n1 \t2 \t100 \t1\n1 \t2 \t10 \t1\n2 \t3 \t0 \t1\n');
    const { code, stdout, stderr } = await runCli('assign', 'compare', '--flows', flows, '--reference', reference);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Parallel links 1→2 match in order: 101 vs 100, 10 vs 10; and 2→3: 50 vs 0.
    expect(stdout).toContain('links compared            3\n');
    expect(stdout).toContain('max absolute difference   50.0000 (link 2→3)\n');
    expect(stdout).toContain('max relative difference   1.000e-2 (link 1→2)\n');
    expect(stdout).toContain(`RMSE                      ${Math.sqrt((1 + 2500) / 3).toPrecision(6)}\n`);
    expect(stdout).toContain('within 0.1% or 1 vehicle  2 of 3\n');
    const json = await runCli('assign', 'compare', '--flows', flows, '--reference', reference, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ links: 3, maxAbsolute: 50, maxRelative: 0.01, withinTolerance: 2 });
  });

  it('reports links missing on either side, and malformed files, with file:line and exit 2', async () => {
    const dir = tempDir();
    const flows = join(dir, 'flows.csv');
    const reference = join(dir, 'ref_flow.tntp');
    writeFileSync(flows, 'from,to,volume,cost\n1,2,101,1\n3,1,5,1\n');
    writeFileSync(reference, 'From To Volume Cost\n1 2 100 1\n2 3 0 1\n');
    let run = await runCli('assign', 'compare', '--flows', flows, '--reference', reference);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${flows}:3: link 3→1 is not in ${reference}`,
      `${reference}:3: link 2→3 is not in ${flows}`,
    ]);
    writeFileSync(flows, 'from,to,volume,cost\n1,2,lots,1\n');
    run = await runCli('assign', 'compare', '--flows', flows, '--reference', reference);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${flows}:2: volume: expected a number, got "lots"\n`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
