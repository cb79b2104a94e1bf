// The built CLI, as `npm test` leaves it (it runs the build first).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}dist/rolecall.js`;

export function requireBuiltBin(): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does).`);
  return BIN;
}

export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built bin to its end, as a script would, with exactly this environment, but for the
 * test file's own XDG_RUNTIME_DIR (test-setup.ts) when it names none: the agent it may ask is
 * then only one this test file started.
 */
export function runBuiltBin(args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<BinRun> {
  const ownAgents = 'XDG_RUNTIME_DIR' in env ? {} : { XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [requireBuiltBin(), ...args],
      { env: { ...env, ...ownAgents }, ...(cwd ? { cwd } : {}) },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
