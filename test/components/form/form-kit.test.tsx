// The form kit's views, drawn: a labelled field takes keys only while it has the focus, a list
// of entries types into its focused entry, a toggle and a choice mark what is picked, a JSON
// preview shows the rows that fit.
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldKeysOwner } from '../../../components/field-keys';
import { Choice } from '../../../components/form/choice';
import { EntryList } from '../../../components/form/entry-list';
import { type EntryListAction, entryList, reduceEntryList } from '../../../components/form/entry-list-state';
import { ErrorLine } from '../../../components/form/error-line';
import { FormField } from '../../../components/form/form-field';
import { JsonPreview } from '../../../components/form/json-preview';
import { Toggle } from '../../../components/form/toggle';
import { renderTree } from '../../helpers/render-app';

let rendered: ReturnType<typeof renderTree> | undefined;
afterEach(() => rendered?.unmount());
const frame = () => rendered?.lastFrame() ?? '';
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text));

function TwoFields() {
  const [values, setValues] = useState({ a: '', b: '' });
  return (
    <>
      <FormField label="First" value={values.a} focused onChange={(a) => setValues((v) => ({ ...v, a }))} />
      <FormField
        label="Second"
        value={values.b}
        focused={false}
        placeholder="not this one"
        onChange={(b) => setValues((v) => ({ ...v, b }))}
      />
    </>
  );
}

describe('a labelled field', () => {
  it('takes keys while it has the focus, and the others do not', async () => {
    rendered = renderTree(
      <FieldKeysOwner>
        <TwoFields />
      </FieldKeysOwner>,
    );
    await rendered.press('eu');
    await see('› First         eu');
    expect(frame()).toMatch(/^ {2}Second +not this one/m);
  });

  it('keeps its value in the label column, one row high, when the value is wider than the room', () => {
    const long = 'a placeholder far wider than the thirty columns this field is given';
    rendered = renderTree(
      <FieldKeysOwner>
        <FormField label="Short" value="" focused={false} placeholder="fits" onChange={() => {}} />
        <FormField label="Long" value="" focused={false} placeholder={long} onChange={() => {}} />
        <FormField label="Typed" value={long} focused={false} onChange={() => {}} />
      </FieldKeysOwner>,
      { columns: 30, rows: 10 },
    );
    const lines = frame().split('\n');
    expect(lines).toHaveLength(3);
    const column = (line: string | undefined) => (line ?? '').search(/(fits|a placeholder)/);
    expect(column(lines[1])).toBe(column(lines[0]));
    expect(column(lines[2])).toBe(column(lines[0]));
    expect(lines[1]).toMatch(/…$/);
  });
});

/** A list whose actions the test sends, as a form's keys would. */
let send: (action: EntryListAction) => void = () => {};
function Principals() {
  const [state, setState] = useState(entryList(['arn:aws:iam::111111111111:root']));
  send = (action) => setState((s) => reduceEntryList(s, action));
  return (
    <EntryList
      state={state}
      focused
      placeholder="an account or a role"
      onEdit={(text) => send({ type: 'edit', text })}
    />
  );
}

describe('a list of entries', () => {
  it('types into the focused entry, and a new one is typed into at once', async () => {
    rendered = renderTree(
      <FieldKeysOwner>
        <Principals />
      </FieldKeysOwner>,
    );
    await see('› arn:aws:iam::111111111111:root');
    send({ type: 'add' });
    // An empty entry shows what goes in it, after the cursor.
    await see('›  an account or a role');
    await rendered.press('222222222222');
    await see('› 222222222222');
    expect(frame()).toMatch(/^ {2}arn:aws:iam::111111111111:root/m);
  });
});

describe('the other pieces', () => {
  it('mark what is picked, and say what is wrong', () => {
    rendered = renderTree(
      <>
        <Toggle label="Require MFA" on focused />
        <Toggle label="Require an external ID" on={false} focused={false} />
        <Choice options={['arn:aws:iam::1:mfa/a', 'arn:aws:iam::1:mfa/b']} picked={1} />
        <ErrorLine problem="Duration: type it as 1h, 90m or 3600." />
      </>,
    );
    expect(frame()).toContain('› [x] Require MFA');
    expect(frame()).toContain('  [ ] Require an external ID');
    expect(frame()).toMatch(/^ {2}arn:aws:iam::1:mfa\/a\n› arn:aws:iam::1:mfa\/b/m);
    expect(frame()).toContain('✗ Duration: type it as 1h, 90m or 3600.');
  });

  it('shows the rows of a document that fit, from where it is scrolled to', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] };
    rendered = renderTree(<JsonPreview document={policy} height={3} offset={2} />);
    expect(frame().split('\n')).toEqual(['  "Statement": [', '    {', '      "Effect": "Allow",']);
  });

  it('wraps a line longer than its width under the line’s indent, rather than cutting it', () => {
    const arn = 'arn:aws:iam::111111111111:role/a-rather-long-role-name-for-the-preview';
    rendered = renderTree(<JsonPreview document={{ AWS: arn }} height={6} width={30} />);
    const rows = frame().split('\n');
    expect(rows.every((row) => row.length <= 30)).toBe(true);
    // Every character of the ARN is on screen, in order.
    expect(
      rows
        .slice(1, -1)
        .map((row) => row.trim())
        .join(''),
    ).toBe(`"AWS": "${arn}"`);
    expect(rows[2]).toMatch(/^ {4}\S/);
  });
});
