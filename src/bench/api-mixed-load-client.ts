import { openAsBlob, statSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * The load generator of `npm run bench:api-mixed`, run as a child process so that the server's process does only
 * the serving: route, network and indicators requests on their own connections for the whole phase and, when the
 * job names a file, one large shipments import uploaded while they run. Reads its job as JSON from stdin and prints
 * its figures as JSON: each route response's time and latency, so that the bench can single out a window.
 */
export interface MixedJob {
  url: string;
  token: string;
  seconds: number;
  /** The file to upload, or none for the baseline phase. */
  importFile?: string;
  importAfterSeconds: number;
  groups: { name: string; connections: number; paths: string[] }[];
}

export interface MixedPhaseOutput {
  loadStart: number;
  loadEnd: number;
  import?: { bytes: number; status: number; start: number; end: number; answer: unknown };
  groups: {
    name: string;
    connections: number;
    requests: number;
    requestsPerSecond: number;
    latencyMs: { p50: number; p99: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }[];
  /** Route responses: when each ended (ms since loadStart) and its latency (ms), in pairs. */
  route: { endedMs: number[]; latencyMs: number[] };
  /** This process's CPU time (user + system), to tell the load generator's share of the machine. */
  cpuSeconds: number;
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const job = JSON.parse(input) as MixedJob;

const cpuBefore = process.cpuUsage();
const route = { endedMs: [] as number[], latencyMs: [] as number[] };
const loadStart = Date.now();
const phases = job.groups.map((group) => {
  let next = 0;
  let finished: (result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url: job.url,
      connections: group.connections,
      duration: job.seconds,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({ ...request, path: group.paths[next++ % group.paths.length]! }),
        },
      ],
    },
    (error, result) => (error ? process.exit(1) : finished(result)),
  );
  if (group.name === 'route')
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      route.endedMs.push(Date.now() - loadStart);
      route.latencyMs.push(responseTime);
    });
  return done.then((result) => ({
    name: group.name,
    connections: group.connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }));
});

async function upload(file: string) {
  await new Promise((resolve) => setTimeout(resolve, job.importAfterSeconds * 1000));
  const start = Date.now();
  const form = new FormData();
  form.append('file', await openAsBlob(file), 'shipments.csv');
  const response = await fetch(`${job.url}/api/shipments/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${job.token}` },
    body: form,
  });
  const answer = (await response.json()) as unknown;
  return { bytes: statSync(file).size, status: response.status, start, end: Date.now(), answer };
}

// When the load itself ended, not the import: an import that outlasts the load had no requests after its commit.
const load = Promise.all(phases).then((groups) => ({ groups, loadEnd: Date.now() }));
const imported = job.importFile === undefined ? undefined : await upload(job.importFile);
const { groups, loadEnd } = await load;
const cpu = process.cpuUsage(cpuBefore);
const output: MixedPhaseOutput = {
  loadStart,
  loadEnd,
  ...(imported === undefined ? {} : { import: imported }),
  groups,
  route,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
};
process.stdout.write(JSON.stringify(output));
