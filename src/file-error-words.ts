// Why a file could not be read or written, in a few words for a person ("permission denied"),
// never Node's raw text ("EACCES: permission denied, open '/x/.trust.json.123'"): the sentence
// around it names the file. Every room that reads or writes a person's files says it this way.

export function fileErrorWords(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EEXIST':
      return 'a file of that name exists already';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'ENOENT':
      return 'it does not exist';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'its symbolic links go round in a loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EIO':
      return 'the disk could not be read or written';
    case undefined:
      return 'an unexpected error';
    default:
      return `the system refused it (${e.code})`;
  }
}
