// Each live client's generation number, in a file of its own that its shell's prompt hook reads
// with a builtin (`read g < file`): a number that changes when the client's credentials or
// binding do, so that an unchanged prompt costs no process. The file holds no secret; it is
// still 0600 in the agent's 0700 directory, since which sessions a person uses is theirs.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class GenerationFiles {
  readonly #dir: string;

  constructor(agentDir: string) {
    this.#dir = join(agentDir, 'clients');
  }

  pathOf(client: string): string {
    return join(this.#dir, client);
  }

  /**
   * Written whole and renamed into place, so a prompt never reads half a number (a half would
   * only cost one needless re-export, but a prompt should not pay even that).
   */
  write(client: string, generation: number): void {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(client);
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, `${generation}\n`, { mode: 0o600 });
    renameSync(partial, path);
  }

  remove(client: string): void {
    rmSync(this.pathOf(client), { force: true });
  }
}
