// Why a program did not start, in words, from the error spawn() gives: one wording for the shell
// a session hands the terminal to and for the command `rolecall exec` runs. The reason alone:
// the caller names the program in its own sentence.
import { statSync } from 'node:fs';

export function whyNotStarted(command: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT')
    return command.includes('/') ? 'there is no such file' : 'there is no such command on PATH';
  // execve(2) says EACCES for a directory too, where chmod would not help.
  if (error.code === 'EISDIR' || (error.code === 'EACCES' && isDirectory(command)))
    return 'it is a directory';
  if (error.code === 'EACCES') return `it is not executable (chmod +x ${command})`;
  if (error.code === 'ENOEXEC') return 'it is not a program this system can start (a script needs a #! line)';
  return `the system would not start it (${error.code ?? error.message})`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
