// Keys reach a text field from the frame it is drawn in, and what is typed while its form loads
// lands in it once it appears: nothing a script, a paste or a quick typist sends is lost.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldKeysOwner, useTypeAhead } from '../../components/field-keys';
import { TextField } from '../../components/text-field/text-field';
import { KEYS, renderTree } from '../helpers/render-app';

let rendered: ReturnType<typeof renderTree> | undefined;
afterEach(() => rendered?.unmount());

const frame = () => rendered?.lastFrame() ?? '';
const see = (text: string) => vi.waitFor(() => expect(frame()).toContain(text));

/** A promise the test resolves: an answer from AWS, when the test says. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A form whose field appears once `ready` resolves, as the assume form waits for AWS. */
function LoadingForm({
  ready,
  typeAhead,
  initial = '',
}: {
  ready: Promise<void>;
  typeAhead: boolean;
  initial?: string;
}) {
  const [loaded, setLoaded] = useState(false);
  const [value, setValue] = useState(initial);
  useEffect(() => {
    void ready.then(() => setLoaded(true));
  }, [ready]);
  useTypeAhead(typeAhead && !loaded);
  if (!loaded) return <Text>Loading…</Text>;
  return (
    <Text>
      Name: <TextField value={value} onChange={setValue} />
    </Text>
  );
}

function OtherForm() {
  const [value, setValue] = useState('');
  return (
    <Text>
      Other: <TextField value={value} onChange={setValue} />
    </Text>
  );
}

/** The loading form, replaced by another form when `leave` resolves (a screen pushed on top). */
function Screens({ ready, leave }: { ready: Promise<void>; leave: Promise<void> }) {
  const [left, setLeft] = useState(false);
  useEffect(() => {
    void leave.then(() => setLeft(true));
  }, [leave]);
  return left ? <OtherForm /> : <LoadingForm ready={ready} typeAhead />;
}

const inOwner = (tree: React.ReactNode) => renderTree(<FieldKeysOwner>{tree}</FieldKeysOwner>);

describe('a text field drawn after a load', () => {
  it('takes keys sent the moment its frame appears', async () => {
    const load = gate();
    rendered = inOwner(<LoadingForm ready={load.opened} typeAhead={false} />);
    await see('Loading…');
    const typed = rendered.pressWhenShown('Name:', 'alice');
    load.open();
    await typed;
    await see('Name: alice');
  });

  it('gets what was typed while its form loaded, as if typed once it appeared', async () => {
    const load = gate();
    rendered = inOwner(<LoadingForm ready={load.opened} typeAhead initial="1h" />);
    await see('Loading…');
    await rendered.press(KEYS.ctrlU);
    await rendered.press('2');
    await rendered.press('h');
    expect(frame()).toContain('Loading…');
    load.open();
    await see('Name: 2h');
  });

  it('keeps nothing for a form that did not ask to', async () => {
    const load = gate();
    rendered = inOwner(<LoadingForm ready={load.opened} typeAhead={false} />);
    await see('Loading…');
    await rendered.press('x');
    load.open();
    await see('Name:');
    await rendered.press('y');
    expect(frame()).toContain('Name: y');
  });

  it('gives what was typed for a form to no other form that replaces it', async () => {
    const load = gate();
    const leave = gate();
    rendered = inOwner(<Screens ready={load.opened} leave={leave.opened} />);
    await see('Loading…');
    await rendered.press('x');
    leave.open();
    await see('Other:');
    await rendered.press('y');
    expect(frame()).toContain('Other: y');
  });
});
