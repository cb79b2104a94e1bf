// Editing a text in $VISUAL/$EDITOR through the terminal hand-off: a private temp file holding
// the text, what the editor saved read back, the file removed, and an editor that fails leaving
// nothing read.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editInEditor, editorCommand } from '../../../src/terminal/edit-in-editor';
import { fakeEditor, plainHandOff } from '../../helpers/fake-editor';
import { tempConfigDir } from '../../helpers/temp-dirs';

const PATH = '/usr/bin:/bin';

describe('editing in the editor', () => {
  it('hands the text over in a 0600 file in a 0700 directory, reads back what was saved, and removes both', async () => {
    const editor = fakeEditor('{"Version": "2012-10-17"}\n');
    const outcome = await editInEditor(
      plainHandOff(),
      { PATH, EDITOR: editor.command },
      'before\n',
      'policy.json',
    );
    expect(outcome).toEqual({ kind: 'saved', text: '{"Version": "2012-10-17"}\n', editor: editor.command });
    const [fileMode, dirMode, path, ...held] = readFileSync(editor.notes, 'utf8').split('\n');
    expect(fileMode).toBe('600');
    expect(dirMode).toBe('700');
    expect(path).toMatch(/rolecall-edit-.*\/policy\.json$/);
    expect(held.join('\n')).toBe('before\n');
    expect(existsSync(dirname(path ?? ''))).toBe(false);
  });

  it('an editor that fails leaves nothing read back, and says why', async () => {
    const editor = fakeEditor('half-written', 1);
    expect(await editInEditor(plainHandOff(), { PATH, EDITOR: editor.command }, 'before', 'p.json')).toEqual({
      kind: 'failed',
      editor: editor.command,
      reason: 'it exited with code 1',
    });
    expect(
      await editInEditor(plainHandOff(), { PATH, EDITOR: 'no-such-editor-here' }, 'x', 'p.json'),
    ).toEqual({ kind: 'failed', editor: 'no-such-editor-here', reason: 'there is no such command on PATH' });
  });

  it('says why, instead of throwing, when the editor deletes the file or no temporary file can be made', async () => {
    expect(await editInEditor(plainHandOff(), { PATH, EDITOR: 'rm' }, 'x', 'p.json')).toEqual({
      kind: 'failed',
      editor: 'rm',
      reason: expect.stringMatching(/^the file it was given was gone when it exited \(deleted or renamed/),
    });
    const missing = join(tempConfigDir(), 'no', 'such', 'dir');
    expect(
      await editInEditor(plainHandOff(), { PATH, EDITOR: 'true', TMPDIR: missing }, 'x', 'p.json'),
    ).toEqual({
      kind: 'failed',
      editor: 'true',
      reason: `no private temporary file could be made in ${missing} (it does not exist)`,
    });
  });

  it('picks $VISUAL, then $EDITOR, then vi', () => {
    expect(editorCommand({ VISUAL: 'code --wait', EDITOR: 'nano' })).toBe('code --wait');
    expect(editorCommand({ EDITOR: 'nano' })).toBe('nano');
    expect(editorCommand({})).toBe('vi');
  });
});
