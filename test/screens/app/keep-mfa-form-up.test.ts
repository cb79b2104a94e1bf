// The MFA screen is in front whenever the core waits for a code, whatever moves the screens.
import { describe, expect, it, vi } from 'vitest';
import { MFA_SCREEN } from '../../../screens/app/navigation/route-params';
import { keepMfaFormUp } from '../../../screens/app/shell/keep-mfa-form-up';
import { createUiStore } from '../../../screens/app/stores/ui-store';
import { MfaCancelled, MfaPrompt } from '../../../src/mfa/mfa-prompt';

const top = (store: ReturnType<typeof createUiStore>) => store.getState().stack.at(-1)?.screen;

describe('the MFA form', () => {
  it('comes up when a code is asked for, and goes when it has done its job', async () => {
    const store = createUiStore('home');
    const mfa = new MfaPrompt();
    const stop = keepMfaFormUp({ mfa }, store);
    store.getState().actions.open('accounts');
    const asked = mfa.ask({ serials: ['arn:aws:iam::111111111111:mfa/alice'], why: 'to assume a role' });
    expect(top(store)).toBe(MFA_SCREEN);
    mfa.answer({ serial: 'arn:aws:iam::111111111111:mfa/alice', code: '123456' });
    await expect(asked).resolves.toMatchObject({ code: '123456' });
    mfa.finish();
    expect(top(store)).toBe('accounts');
    stop();
  });

  it('comes back when another screen change takes it away while a code is still wanted', async () => {
    const store = createUiStore('home');
    const mfa = new MfaPrompt();
    const stop = keepMfaFormUp({ mfa }, store);
    const asked = mfa.ask({ serials: ['arn:aws:iam::111111111111:mfa/alice'], why: 'to refresh a session' });
    // An assume that just ended goes back to the dashboard, taking every screen with it.
    store.getState().actions.backToHome();
    expect(top(store)).toBe('home');
    await vi.waitFor(() => expect(top(store)).toBe(MFA_SCREEN));
    mfa.cancel();
    await expect(asked).rejects.toBeInstanceOf(MfaCancelled);
    expect(top(store)).toBe('home');
    stop();
  });
});
