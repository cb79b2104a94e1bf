import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // ink reads CI when it loads and then draws only the final frame; CI runs with CI=true.
    // XDG_CACHE_HOME: the bin keeps V8's code cache there; tests never write to the real home.
    env: { CI: 'false', FORCE_COLOR: '0', XDG_CACHE_HOME: join(tmpdir(), 'rolecall-test-cache') },
    setupFiles: ['./test/helpers/remove-temp-dirs.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
