// Why a file could not be read or written, in words, from the error node:fs gives ("EACCES:
// permission denied, open '/x/.trust.json.123'" is for programmers): the reason alone, for the
// caller's own sentence, which names the file. The trust-policy commands' files go through here.

export function fileErrorWords(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'there is no such file (or its folder is gone)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a folder in its path is a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'its symbolic links loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
  }
  return e?.code ? `the system said ${e.code}` : 'the system gave no reason';
}
