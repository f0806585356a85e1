import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 30_000,
    // Commands run in-process must not fill the user's network snapshot cache; the snapshot tests pick their own.
    env: { CARAVAN_NO_CACHE: '1' },
  },
});
