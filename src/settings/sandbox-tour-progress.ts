// Where the walkthrough got to in rolecall on its sandbox, read by the rolecall that started it
// (the walkthrough's practice: a child `rolecall tour --sandbox`, which keeps its settings apart,
// settings-path.ts). Read only, never written: opening the store would make the file, and with it
// the sandbox's first start would be spent by a run that never reached it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSettingsText } from './file-check';
import type { TourProgress } from './schema';
import { SETTINGS_FILE_NAME, sandboxSettingsDir } from './settings-path';

/**
 * The sandbox's walkthrough progress as its settings file holds it, or undefined when there is
 * none to read (no file yet, or one the sandbox's rolecall will itself say is unusable).
 */
export function readSandboxTourProgress(env: NodeJS.ProcessEnv): TourProgress | undefined {
  let text: string;
  try {
    text = readFileSync(join(sandboxSettingsDir(env), SETTINGS_FILE_NAME), 'utf8');
  } catch {
    return undefined;
  }
  const check = checkSettingsText(text);
  // A `tour` with a value the schema refuses is left out of `values`, with the problems.
  return check.kind === 'object' ? (check.values.tour as TourProgress | undefined) : undefined;
}
