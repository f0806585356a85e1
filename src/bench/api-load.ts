import autocannon from 'autocannon';

/**
 * The load generator of `npm run bench:api`, run as a child process so that the server's process does nothing but
 * serve: its CPU time over a load phase is then the cost of the requests. Reads its job as JSON from stdin and
 * prints autocannon's summary as JSON on stdout.
 */
interface LoadJob {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const job = JSON.parse(input) as LoadJob;
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  ...(job.headers === undefined ? {} : { headers: job.headers }),
  requests: [
    { method: 'GET', setupRequest: (request) => ({ ...request, path: job.paths[next++ % job.paths.length]! }) },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    // What the load generator itself spent, so that the bench can tell the machine's other load from its own.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  }),
);
