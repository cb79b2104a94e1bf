import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // ink reads CI when it loads and then draws only the final frame; CI runs with CI=true.
    // XDG_CACHE_HOME: the bin keeps V8's code cache there; tests never write to the real home.
    // AWS_ENDPOINT_URL: see test/helpers/nowhere.ts; no test talks to anything but loopback.
    // ROLECALL_AGENT_SOCK: a socket nobody listens on, so that a rolecall agent the developer
    // runs (at $XDG_RUNTIME_DIR/rolecall) never answers a test's env or credential-process.
    env: {
      CI: 'false',
      FORCE_COLOR: '0',
      XDG_CACHE_HOME: join(tmpdir(), 'rolecall-test-cache'),
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_EC2_METADATA_DISABLED: 'true',
      ROLECALL_AGENT_SOCK: join(tmpdir(), 'rolecall-test-no-agent.sock'),
    },
    setupFiles: ['./test/helpers/test-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
