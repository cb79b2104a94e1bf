import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // ink reads CI when it loads and then draws only the final frame; CI runs with CI=true.
    env: { CI: 'false', FORCE_COLOR: '0' },
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
