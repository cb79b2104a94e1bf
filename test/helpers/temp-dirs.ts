// Temporary directories for a test file, removed when the file's tests are done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rolecall-test-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  // Retried: a program a test started (a shell's background job) may still be writing there.
  for (const dir of made.splice(0))
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
