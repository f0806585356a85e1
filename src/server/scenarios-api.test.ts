import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledNetworkServer } from '../test-support/api-server.js';
import type { Problem } from './problem.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await bundledNetworkServer({ limits: { bodyBytes: 4096 } });
});
afterAll(() => app.close());

const PROBLEM = 'application/problem+json; charset=utf-8';

function problemOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }): Problem {
  expect(response.headers['content-type']).toBe(PROBLEM);
  const problem = JSON.parse(response.body) as Problem;
  expect(problem.status).toBe(response.statusCode);
  return problem;
}

interface JobBody {
  id: string;
  status: string;
  cached: boolean;
  progress?: { iteration: number; gap: number };
  result?: { report: { targets: unknown[]; year: number }; links: { link: string; totalMt: number }[] };
  error?: string;
}

/** Polls a job until it has finished, as the web app does. */
async function finished(server: FastifyInstance, id: string): Promise<JobBody> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = (await server.inject(`/api/jobs/${id}`)).json() as JobBody;
    if (job.status !== 'running' && job.status !== 'queued') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

const run = (server: FastifyInstance, id: string, payload: Record<string, unknown> = {}) =>
  server.inject({ method: 'POST', url: `/api/scenarios/${id}/runs`, payload });

describe('GET /api/scenarios', () => {
  it('lists the shipped scenarios by id, with their year and levers', async () => {
    const response = await app.inject('/api/scenarios');
    expect(response.statusCode).toBe(200);
    const { scenarios, unavailable } = response.json() as {
      scenarios: { id: string; year: number; levers: { type: string }[] }[];
      unavailable: unknown[];
    };
    expect(scenarios.map((scenario) => scenario.id)).toEqual(
      expect.arrayContaining(['baseline-2024', 'trend-2027', 'joint-customs-2027', 'chabahar-rail-2030']),
    );
    expect(scenarios.find((scenario) => scenario.id === 'joint-customs-2027')).toMatchObject({
      year: 2027,
      levers: [{ type: 'border_dwell' }],
    });
    expect(unavailable).toEqual([]);
  });
});

describe('scenario runs as jobs', () => {
  it('runs a scenario on a worker, reports it at /api/jobs/{id}, and serves the same run again from its cache', async () => {
    const started = await run(app, 'trend-2027');
    expect(started.statusCode).toBe(202);
    const job = started.json() as JobBody;
    expect(job).toMatchObject({ status: 'running', cached: false });
    expect(started.headers['location']).toBe(`/api/jobs/${job.id}`);
    const done = await finished(app, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result!.report.year).toBe(2027);
    expect(done.result!.report.targets).toHaveLength(3);
    expect(done.result!.links.length).toBeGreaterThan(20);

    const again = await run(app, 'trend-2027');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'succeeded', cached: true });
    expect((again.json() as JobBody).result).toEqual(done.result);
  });

  it('reports progress while a long run goes on', async () => {
    // The logit assignment reaches any gap the API allows in a few dozen iterations; equilibrium by MSA crawls.
    const started = await run(app, 'chabahar-rail-2030', {
      method: 'ue',
      algorithm: 'msa',
      gap: 1e-8,
      maxIterations: 600,
    });
    const id = (started.json() as JobBody).id;
    let progress: JobBody['progress'];
    for (let attempt = 0; attempt < 400 && !(progress !== undefined && progress.iteration > 0); attempt++) {
      const job = (await app.inject(`/api/jobs/${id}`)).json() as JobBody;
      if (job.status !== 'running') break;
      progress = job.progress;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(progress?.iteration).toBeGreaterThan(0);
    expect(progress?.gap).toBeGreaterThan(0);
    expect((await finished(app, id)).status).toBe('succeeded');
  });

  it('names the field of bad options, and says which scenarios exist', async () => {
    const gap = problemOf(await run(app, 'trend-2027', { gap: 0, maxIterations: 10 ** 9 }));
    expect(gap.errors?.map((error) => error.field).sort()).toEqual(['gap', 'maxIterations']);
    const algorithm = problemOf(await run(app, 'trend-2027', { method: 'ue', algorithm: 'b' }));
    expect(algorithm.errors).toEqual([
      { field: 'algorithm', message: expect.stringContaining('runs fw or msa; set singleClass') },
    ]);
    const unknown = problemOf(await run(app, 'trend-2099'));
    expect(unknown.status).toBe(404);
    expect(unknown.detail).toMatch(/^no scenario "trend-2099"; expected one of baseline-2024, /);
    const badId = problemOf(await run(app, 'Trend 2027'));
    expect(badId.errors?.[0]?.field).toBe('id');
    const large = problemOf(await run(app, 'trend-2027', { method: 'x'.repeat(5000) }));
    expect(large.status).toBe(413);
  });

  it('answers 404 for a job it does not know and 400 for what is not a job id', async () => {
    expect(problemOf(await app.inject('/api/jobs/0b5c9a8e-54f1-4c2f-9d55-2f0f3a8f3b1e')).status).toBe(404);
    expect(problemOf(await app.inject('/api/jobs/latest')).errors?.[0]?.field).toBe('id');
  });

  it('queues a run beyond the concurrent jobs, refuses one beyond the queue, and forgets the oldest finished jobs', async () => {
    const small = await bundledNetworkServer({ limits: { concurrentJobs: 1, queuedJobs: 1, keptJobs: 1 } });
    try {
      const first = (await run(small, 'trend-2030')).json() as JobBody;
      const waiting = await run(small, 'baseline-2024');
      expect(waiting.statusCode).toBe(202);
      const second = waiting.json() as JobBody;
      expect(second.status).toBe('queued');
      const refused = problemOf(await run(small, 'trend-2027'));
      expect(refused.status).toBe(429);
      expect(refused.detail).toMatch(/1 waiting, as many as this server takes; try again when one has finished/);
      expect((await finished(small, first.id)).status).toBe('succeeded');
      expect((await finished(small, second.id)).status).toBe('succeeded');
      expect(problemOf(await small.inject(`/api/jobs/${first.id}`)).status).toBe(404);
    } finally {
      await small.close();
    }
  });

  it('stops a run that takes longer than the limit, and says so in the job', async () => {
    const hasty = await bundledNetworkServer({ limits: { scenarioRunSeconds: 0.001 } });
    try {
      const job = (await run(hasty, 'trend-2030')).json() as JobBody;
      const failed = await finished(hasty, job.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/took longer than 0.001 s, this server's limit/);
    } finally {
      await hasty.close();
    }
  });
});

describe('GET /api/scenarios/diff', () => {
  it('starts both runs (202 with the jobs), then answers with the diff and the flow change by link', async () => {
    const url = '/api/scenarios/diff?base=trend-2027&other=joint-customs-2027';
    const first = await app.inject(url);
    expect(first.statusCode).toBe(202);
    const { jobs } = first.json() as { jobs: JobBody[] };
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect((await finished(app, job.id)).status).toBe('succeeded');
    const second = await app.inject(url);
    expect(second.statusCode).toBe(200);
    const { diff, links } = second.json() as {
      diff: { base: { name: string }; other: { name: string }; totals: { avgHoursPerT: { change: number } } };
      links: { link: string; changeMt: number }[];
    };
    expect(diff.base.name).toBe('trend-2027');
    expect(diff.other.name).toBe('joint-customs-2027');
    expect(diff.totals.avgHoursPerT.change).toBeLessThan(0);
    expect(Math.abs(links[0]!.changeMt)).toBeGreaterThanOrEqual(Math.abs(links.at(-1)!.changeMt));
  });

  it('names the missing or unknown scenario', async () => {
    expect(problemOf(await app.inject('/api/scenarios/diff?base=trend-2027')).errors?.[0]?.field).toBe('other');
    const unknown = problemOf(await app.inject('/api/scenarios/diff?base=nowhere&other=trend-2027'));
    expect(unknown.errors?.[0]).toMatchObject({ field: 'base', message: expect.stringMatching(/^no scenario/) });
  });
});
