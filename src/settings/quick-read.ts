// Settings for a one-shot command (`rolecall env`, `exec`, `credential-process`): read, never
// written. Without conf, whose schema compiler costs ~40 ms on open (a third of such a command's
// time), and without its rescue: a command run from a script must not move the person's file
// aside or rewrite it. A file it cannot use gives the defaults, with one line saying what is
// wrong; the interface moves such a file aside when it next starts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSettingsText, describeProblems } from './file-check';
import { DEFAULT_SETTINGS, type SettingsData } from './schema';
import { SETTINGS_FILE_NAME, settingsDir, tildify } from './settings-path';

/** The settings a one-shot command uses: the only ones whose problems it mentions. */
const COMMAND_KEYS = [
  'defaultRegion',
  'defaultSessionSeconds',
  'sessionNameTemplate',
  'connectTimeoutSeconds',
  'requestTimeoutSeconds',
  'shellCredentials',
] as const;

export type CommandSettings = Pick<SettingsData, (typeof COMMAND_KEYS)[number]>;

export async function readSettingsForCommand(
  env: NodeJS.ProcessEnv,
): Promise<{ settings: CommandSettings; notices: string[] }> {
  const dir = settingsDir(env);
  const path = join(dir, SETTINGS_FILE_NAME);
  const shown = tildify(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { settings: DEFAULT_SETTINGS, notices: [] };
    const why =
      code === 'ENOTDIR'
        ? `the settings directory ${tildify(dir)}${env.ROLECALL_CONFIG_DIR ? ' (ROLECALL_CONFIG_DIR)' : ''} is a file, not a directory`
        : code === 'EISDIR'
          ? `${shown} is a directory, not a file`
          : code === 'EACCES' || code === 'EPERM'
            ? `rolecall is not allowed to read ${shown}`
            : `${shown} could not be read (${code ?? (error as Error).message})`;
    return { settings: DEFAULT_SETTINGS, notices: [`${capitalised(why)}; the default settings are used.`] };
  }
  const check = checkSettingsText(text);
  if (check.kind === 'empty') return { settings: DEFAULT_SETTINGS, notices: [] };
  if (check.kind === 'unusable') {
    return {
      settings: DEFAULT_SETTINGS,
      notices: [`Settings file ${shown} ${check.reason}; the default settings are used.`],
    };
  }
  const settings = { ...DEFAULT_SETTINGS, ...(check.values as Partial<SettingsData>) };
  // Only what this command uses is worth a line on every run; the interface says the rest.
  const problems = check.problems.filter((problem) =>
    (COMMAND_KEYS as readonly string[]).includes(problem.key),
  );
  if (problems.length === 0) return { settings, notices: [] };
  return {
    settings,
    notices: [
      `Settings file ${shown}: ${describeProblems(problems)}; the default is used for ${
        problems.length === 1 ? 'it' : 'them'
      }.`,
    ],
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
