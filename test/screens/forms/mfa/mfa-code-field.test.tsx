// The MFA code field: digits only, and the code goes on the sixth.
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldKeysOwner } from '../../../../components/field-keys';
import { MfaCodeField } from '../../../../screens/forms/mfa/mfa-code-field';
import { KEYS, renderTree } from '../../../helpers/render-app';

let rendered: ReturnType<typeof renderTree> | undefined;
afterEach(() => rendered?.unmount());

function Form({
  submitted,
  busy,
  error,
}: {
  submitted: (code: string) => void;
  busy?: boolean;
  error?: string;
}) {
  const [code, setCode] = useState('');
  return <MfaCodeField value={code} onChange={setCode} onSubmit={submitted} busy={busy} error={error} />;
}

describe('the MFA code field', () => {
  it('takes digits only, dropping letters and spaces as they are typed or pasted', async () => {
    const submitted = vi.fn();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} />
      </FieldKeysOwner>,
    );
    await rendered.press('1a2 b');
    await vi.waitFor(() => expect(rendered?.lastFrame()).toContain('MFA code 12'));
    expect(rendered.lastFrame()).toContain('4 more digits');
    expect(submitted).not.toHaveBeenCalled();
  });

  it('sends the code once, as the sixth digit arrives, with no Enter', async () => {
    const submitted = vi.fn();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} />
      </FieldKeysOwner>,
    );
    await rendered.press('123');
    await rendered.press('45');
    await vi.waitFor(() => expect(rendered?.lastFrame()).toContain('1 more digit'));
    expect(submitted).not.toHaveBeenCalled();
    await rendered.press('6');
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledWith('123456'));
    // A seventh digit is not taken, and nothing is sent again.
    await rendered.press('7');
    await rendered.press(KEYS.enter);
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(rendered.lastFrame()).toContain('MFA code 123456');
  });

  it('sends a pasted code at once', async () => {
    const submitted = vi.fn();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} />
      </FieldKeysOwner>,
    );
    await rendered.press('123 456');
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledWith('123456'));
  });

  it('lets a wrong digit be taken back before the sixth', async () => {
    const submitted = vi.fn();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} />
      </FieldKeysOwner>,
    );
    await rendered.press('12349');
    await rendered.press(KEYS.backspace);
    await rendered.press('56');
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledWith('123456'));
  });

  it('shows AWS’s answer under the field, and waits while a code is being checked', async () => {
    const submitted = vi.fn();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} busy />
      </FieldKeysOwner>,
    );
    await rendered.press('123456');
    await vi.waitFor(() => expect(rendered?.lastFrame()).toContain('checking with AWS'));
    expect(submitted).not.toHaveBeenCalled();
    expect(rendered.lastFrame()).not.toContain('123');
    rendered.unmount();
    rendered = renderTree(
      <FieldKeysOwner>
        <Form submitted={submitted} error="AWS refused the MFA code." />
      </FieldKeysOwner>,
    );
    await vi.waitFor(() => expect(rendered?.lastFrame()).toContain('✗ AWS refused the MFA code.'));
    expect(rendered.lastFrame()).toContain('6 more digits');
  });
});
