// A settings directory where rolecall has run before (an empty settings.json, as the end-to-end
// tests make): the benches measure the start of every day, not the very first start, which
// opens on the walkthrough instead of the dashboard.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function returningUserSettingsDir(prefix = join(tmpdir(), 'rolecall-bench-')) {
  const dir = mkdtempSync(prefix);
  writeFileSync(join(dir, 'settings.json'), '{}\n', { mode: 0o600 });
  return dir;
}
