import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { loadSamples } from '../store/sweeps.js';
import { bundledNetworkServer } from '../test-support/api-server.js';

interface SweepJob {
  id: string;
  status: string;
  progress?: { done: number; total: number };
  error?: string;
  result?: { sweep: { id: string; samples: number; completed: number; seed: string | number }; measures: unknown[] };
}

describe('POST /api/sweeps without a queue: the sweep as a job on a thread of the server', () => {
  it('answers 202 with the job, follows it to the report, and stores each sample once', async () => {
    const store = await Store.open(':memory:');
    const app = await bundledNetworkServer({ store });
    try {
      const started = await app.inject({
        method: 'POST',
        url: '/api/sweeps',
        payload: { sweep: 'targets', samples: 2, seed: 'api' },
      });
      expect(started.statusCode).toBe(202);
      const job = started.json<SweepJob>();
      expect(started.headers['location']).toBe(`/api/sweep-jobs/${job.id}`);
      // The same sweep again joins the job under way.
      const joined = await app.inject({
        method: 'POST',
        url: '/api/sweeps',
        payload: { sweep: 'targets', samples: 2, seed: 'api' },
      });
      expect(joined.json<SweepJob>().id).toBe(job.id);

      let current = job;
      for (
        let attempt = 0;
        attempt < 1200 && (current.status === 'queued' || current.status === 'running');
        attempt++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        current = (await app.inject({ url: `/api/sweep-jobs/${job.id}` })).json<SweepJob>();
      }
      expect(current.error).toBeUndefined();
      expect(current.status).toBe('succeeded');
      expect(current.result!.sweep).toMatchObject({ samples: 2, completed: 2, seed: 'api' });
      expect(current.result!.measures.length).toBeGreaterThan(0);
      const samples = await loadSamples(store, current.result!.sweep.id);
      expect(samples.map((sample) => sample.sample)).toEqual([0, 1]);

      // A sweep job is not a scenario job, and the other way round.
      expect((await app.inject({ url: `/api/jobs/${job.id}` })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  }, 300_000);

  it('refuses an unknown sweep file and a sample count out of range, naming the field', async () => {
    const app = await bundledNetworkServer({ store: await Store.open(':memory:') });
    try {
      const unknown = await app.inject({ method: 'POST', url: '/api/sweeps', payload: { sweep: 'nowhere' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('nowhere');
      const many = await app.inject({
        method: 'POST',
        url: '/api/sweeps',
        payload: { sweep: 'targets', samples: 1e6 },
      });
      expect(many.statusCode).toBe(400);
      expect(many.body).toContain('samples');
    } finally {
      await app.close();
    }
  });
});
