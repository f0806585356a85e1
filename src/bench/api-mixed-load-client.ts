import { openAsBlob, statSync } from 'node:fs';
import autocannon from 'autocannon';
import { quantileOfSorted } from '../numeric/quantile.js';

/**
 * The load generator of `npm run bench:api-mixed`, run as a child process so that the server's process does only
 * the serving: route, network and indicators requests on their own connections for the whole phase, and one large
 * shipments import uploaded while they run. Reads its job as JSON from stdin and prints its figures as JSON.
 */
interface MixedJob {
  url: string;
  token: string;
  seconds: number;
  importFile: string;
  importAfterSeconds: number;
  groups: { name: string; connections: number; paths: string[] }[];
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const job = JSON.parse(input) as MixedJob;

/** Each route response's end time and latency, to single out those answered while the import ran. */
const routeTimes: number[] = [];
const routeLatencies: number[] = [];
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
      routeTimes.push(Date.now());
      routeLatencies.push(responseTime);
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

await new Promise((resolve) => setTimeout(resolve, job.importAfterSeconds * 1000));
const importStart = Date.now();
const form = new FormData();
form.append('file', await openAsBlob(job.importFile), 'shipments.csv');
const response = await fetch(`${job.url}/api/shipments/import`, {
  method: 'POST',
  headers: { authorization: `Bearer ${job.token}` },
  body: form,
});
const importAnswer = (await response.json()) as Record<string, unknown>;
const importEnd = Date.now();
const groups = await Promise.all(phases);

const during = routeLatencies.filter(
  (_, index) => routeTimes[index]! >= importStart && routeTimes[index]! <= importEnd,
);
during.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    loadStart,
    loadEnd: Date.now(),
    import: {
      bytes: statSync(job.importFile).size,
      status: response.status,
      start: importStart,
      end: importEnd,
      seconds: (importEnd - importStart) / 1000,
      answer: importAnswer,
    },
    groups,
    routeDuringImport: {
      requests: during.length,
      latencyMs:
        during.length === 0
          ? undefined
          : { p50: quantileOfSorted(during, 0.5), p99: quantileOfSorted(during, 0.99), max: during[during.length - 1] },
    },
  }),
);
