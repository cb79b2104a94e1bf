// Whether `rolecall exec` can run the command it was given, found the way the kernel's execvp
// will look for it: a name with a slash is that file, any other name is looked for on PATH. Asked
// before a role is assumed or an MFA code spent, and in words, never as `spawn x EACCES`.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { whyNotStarted } from '../terminal/spawn-failure';

/** Why a command cannot run, with the exit code a shell gives for it (127: not found, 126: found but not runnable). */
export interface CommandProblem {
  message: string;
  exitCode: 126 | 127;
}

export function commandProblem(
  file: string,
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): CommandProblem | undefined {
  if (file.includes('/')) return fileProblem(file, resolveFrom(cwd, file));
  // An empty PATH entry means the current directory, as execvp reads it.
  const dirs = (env.PATH ?? '').split(delimiter).map((dir) => dir || '.');
  let notExecutable: string | undefined;
  for (const dir of dirs) {
    const candidate = join(dir, file);
    const kind = kindOf(resolveFrom(cwd, candidate));
    if (kind === 'runnable') return undefined;
    if (kind === 'not executable') notExecutable ??= candidate;
  }
  if (notExecutable) {
    return {
      message: `Cannot run ${file}: ${notExecutable} is not executable (chmod +x ${notExecutable}).`,
      exitCode: 126,
    };
  }
  return { message: `Cannot run ${file}: there is no such command on PATH.`, exitCode: 127 };
}

/** The same words for an error spawn reports (the file changed between the check and the run). */
export function spawnProblem(file: string, error: NodeJS.ErrnoException): CommandProblem {
  return {
    message: `Cannot run ${file}: ${whyNotStarted(file, error)}.`,
    exitCode: error.code === 'ENOENT' ? 127 : 126,
  };
}

function fileProblem(shown: string, path: string): CommandProblem | undefined {
  switch (kindOf(path)) {
    case 'runnable':
      return undefined;
    case 'missing':
      return { message: `Cannot run ${shown}: there is no such file.`, exitCode: 127 };
    case 'directory':
      return { message: `Cannot run ${shown}: it is a directory.`, exitCode: 126 };
    case 'not executable':
      return { message: `Cannot run ${shown}: it is not executable (chmod +x ${shown}).`, exitCode: 126 };
  }
}

function kindOf(path: string): 'runnable' | 'missing' | 'directory' | 'not executable' {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return 'missing';
  }
  if (isDirectory) return 'directory';
  try {
    accessSync(path, constants.X_OK);
    return 'runnable';
  } catch {
    return 'not executable';
  }
}

function resolveFrom(cwd: string, path: string): string {
  return path.startsWith('/') ? path : join(cwd, path);
}

/** Says on stderr why `file` did not start after all, and gives the exit code a shell would. */
export function sayNotStarted(file: string): (error: NodeJS.ErrnoException) => number {
  return (error) => {
    const problem = spawnProblem(file, error);
    process.stderr.write(`rolecall: ${problem.message}\n`);
    return problem.exitCode;
  };
}
