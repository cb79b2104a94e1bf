// The reusable pieces on their own, through ink-testing-library.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../components/error-boundary';
import { FieldKeysOwner } from '../../components/field-keys';
import { Footer } from '../../components/footer';
import { Header } from '../../components/header';
import { HelpOverlay } from '../../components/help-overlay';
import { TextField } from '../../components/text-field/text-field';
import { KEYS } from '../helpers/render-app';

let instance: ReturnType<typeof render> | undefined;
afterEach(() => instance?.unmount());

describe('the header', () => {
  it('says plainly when no identity is loaded', () => {
    instance = render(<Header trail={['Sessions']} />);
    expect(instance.lastFrame()).toMatch(/rolecall › Sessions\s+no identity loaded/);
  });

  it('shows the identity when there is one', () => {
    instance = render(<Header trail={['Sessions']} identity={{ text: 'prod/Admin', tone: 'ok' }} />);
    expect(instance.lastFrame()).toContain('prod/Admin');
    expect(instance.lastFrame()).not.toContain('no identity loaded');
  });
});

describe('the footer', () => {
  it('writes each key with what it does', () => {
    instance = render(
      <Footer
        hints={[
          { key: 'Enter', label: 'open' },
          { key: 'q', label: 'quit' },
        ]}
      />,
    );
    expect(instance.lastFrame()).toContain('Enter open  q quit');
  });
});

describe('the help overlay', () => {
  it('shows the screen’s keys, then the global ones', () => {
    instance = render(
      <HelpOverlay
        screenTitle="Roles"
        screenKeys={[{ keys: ['enter'], description: 'Open the role' }]}
        globalKeys={[{ keys: ['ctrl+c'], description: 'Quit' }]}
        offset={0}
        height={20}
      />,
    );
    const frame = instance.lastFrame() ?? '';
    expect(frame).toMatch(/Keys on Roles\n\s+Enter\s+Open the role\n\s*\nEverywhere\n\s+Ctrl-C\s+Quit/);
  });
});

describe('the error boundary', () => {
  function Thrower(): never {
    throw new Error('boom');
  }
  it('shows the fallback with the error instead of the children', () => {
    instance = render(
      <ErrorBoundary resetKey="a" fallback={(error) => <Text>caught: {error.message}</Text>}>
        <Thrower />
      </ErrorBoundary>,
    );
    expect(instance.lastFrame()).toContain('caught: boom');
  });
});

describe('the text field', () => {
  function Field({ onSubmit }: { onSubmit: (value: string) => void }) {
    const [value, setValue] = useState('');
    return <TextField value={value} onChange={setValue} onSubmit={onSubmit} allow={/\d/} maxLength={6} />;
  }

  it('takes digits only, up to six, and hands the value over on Enter', async () => {
    const submitted = vi.fn();
    instance = render(
      <FieldKeysOwner>
        <Field onSubmit={submitted} />
      </FieldKeysOwner>,
    );
    instance.stdin.write('12a34');
    await vi.waitFor(() => expect(instance?.lastFrame()).toContain('1234'));
    instance.stdin.write('5678');
    await vi.waitFor(() => expect(instance?.lastFrame()).toContain('123456'));
    expect(instance.lastFrame()).not.toContain('1234567');
    instance.stdin.write(KEYS.backspace);
    await vi.waitFor(() => expect(instance?.lastFrame()).not.toContain('123456'));
    instance.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(submitted).toHaveBeenCalledWith('12345'));
  });
});
