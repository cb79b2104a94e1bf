// V8 keeps compiled code for the chunks loaded later (the TUI is ~1 MB of JavaScript), so later
// starts skip compiling it: ~30 ms of a ~165 ms start. Turned on by the bin's entry (main.ts)
// before it loads the CLI or the one-shot commands, and by the CLI for whoever runs it directly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';

/** The cache goes in the user's own cache dir (mode 0700), not a shared /tmp another user could fill first. */
export function enableCompileCache(): void {
  try {
    const dir = join(envPaths('rolecall', { suffix: '' }).cache, 'v8');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // node:module fetched here, not imported: as an import it costs an agent-served
    // credential-process (main.ts) ~1.5 ms of its ~40. Node 22.0-22.2 go without the cache.
    process.getBuiltinModule?.('node:module')?.enableCompileCache?.(dir);
  } catch {
    // A read-only home only costs start-up time.
  }
}
