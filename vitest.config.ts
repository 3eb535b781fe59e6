import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    reporters: ['default', './test/reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // PTY and tmux tests spawn real processes: keep the two cores from being oversubscribed.
    maxWorkers: 2,
  },
});
