// The diff shown before a change to an AWS file: never a secret, whatever line it is on.
import { describe, expect, it } from 'vitest';
import { fileDiff, MASKED } from '../../../src/aws-files/file-diff';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN';

describe('the diff of a config file', () => {
  it('masks keys in the last section, on context and on removed lines', () => {
    // No final newline: the last line is removed and added again, and the three before it are context.
    const before = [
      '[default]',
      'region = us-east-1',
      '',
      '[profile keys]',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      `aws_secret_access_key = ${SECRET}`,
      `aws_session_token=${TOKEN}`,
      `aws_security_token = ${TOKEN}`,
    ].join('\n');
    const after = `${before}\n\n[profile new]\nrole_arn = arn:aws:iam::333333333333:role/Deploy\n`;
    const diff = fileDiff('/home/p/.aws/config', before, after);
    const shown = diff.map((l) => `${l.kind} ${l.text}`).join('\n');
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(TOKEN);
    expect(diff).toContainEqual({ kind: 'context', text: `aws_secret_access_key = ${MASKED}` });
    expect(diff).toContainEqual({ kind: 'context', text: `aws_session_token=${MASKED}` });
    expect(diff).toContainEqual({ kind: 'removed', text: `aws_security_token = ${MASKED}` });
    // What is not a secret stays as it is: a person must see what they confirm.
    expect(diff).toContainEqual({ kind: 'context', text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' });
    expect(diff).toContainEqual({ kind: 'added', text: 'role_arn = arn:aws:iam::333333333333:role/Deploy' });
  });

  it('masks anything named like a secret, commented out or indented, and leaves a file path shown', () => {
    const before = [
      '[profile x]',
      `# aws_secret_access_key = ${SECRET}`,
      's3 =',
      `  my_api_password = ${SECRET}`,
      'web_identity_token_file = /var/run/token',
    ].join('\n');
    const diff = fileDiff('config', before, `${before}\n[profile y]\n`);
    expect(diff.map((l) => l.text).join('\n')).not.toContain(SECRET);
    expect(diff).toContainEqual({ kind: 'context', text: `# aws_secret_access_key = ${MASKED}` });
    expect(diff).toContainEqual({ kind: 'context', text: `  my_api_password = ${MASKED}` });
    expect(diff.some((l) => l.text === 'web_identity_token_file = /var/run/token')).toBe(true);
  });
});
