// `rolecall sandbox --json` from the built bin, run apart as a person runs it for their own
// rolecall to point at: its first line read, and stopped as a person stops it (SIGTERM, so it
// removes its files; SIGKILL only if it will not stop).
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { requireBuiltBin } from './built-bin';

export interface SandboxCommandInfo {
  endpoint: string;
  configFile: string;
  credentialsFile: string;
  identityCenter: { startUrl: string; region: string };
}

/** Stops a child gently, then surely; resolves once it has exited (at once if it had). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** The sandbox running, with what its --json line says. */
export async function startSandboxCommand(
  args: string[] = [],
): Promise<{ info: SandboxCommandInfo; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [requireBuiltBin(), 'sandbox', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await lines[Symbol.asyncIterator]().next();
  return { info: JSON.parse(String(first.value)) as SandboxCommandInfo, stop: () => stopChild(child) };
}
