import { Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKeys } from '../../components/keymap';
import { HOME_SCREEN } from '../../screens/app/navigation/route-params';
import { SCREENS } from '../../screens/app/navigation/routes';
import type { ScreenRegistry } from '../../screens/app/navigation/screen-registry';
import { createUiStore } from '../../screens/app/stores/ui-store';
import { SettingsScreen } from '../../screens/settings-screen';
import { createCore } from '../../src/core';
import { EDITABLE_SETTINGS } from '../../src/settings/fields';
import { Settings } from '../../src/settings/settings';
import { type AppUnderTest, KEYS, renderApp } from '../helpers/render-app';
import { handClock, session } from '../helpers/sessions';
import { tempConfigDir } from '../helpers/temp-dirs';

let app: AppUnderTest;
afterEach(() => app?.unmount());

const frame = () => app.lastFrame();
const waitForFrame = (text: string) => vi.waitFor(() => expect(frame()).toContain(text));

describe('the screen stack', () => {
  it('opens screens on top of each other and goes back with Esc', async () => {
    app = renderApp();
    await waitForFrame('No live sessions.');
    await app.press(',');
    await waitForFrame('rolecall › Sessions › Settings');
    await app.press(KEYS.enter);
    await waitForFrame('rolecall › Sessions › Settings › Default region');
    await app.press(KEYS.escape);
    await waitForFrame('Saved in');
    expect(frame()).toContain('rolecall › Sessions › Settings ');
    expect(frame()).not.toContain('Settings › Default region');
    await app.press(KEYS.escape);
    await waitForFrame('No live sessions.');
  });

  it('stays on the first screen when Esc is pressed there', async () => {
    app = renderApp();
    await waitForFrame('No live sessions.');
    await app.press(KEYS.escape);
    expect(frame()).toContain('No live sessions.');
  });

  it('keeps the selected row when coming back to a screen', async () => {
    app = renderApp();
    await app.press(',');
    await waitForFrame('› Default region');
    await app.press(KEYS.down);
    await app.press('j');
    await waitForFrame('› Session name');
    await app.press(KEYS.enter);
    await waitForFrame('RoleSessionName');
    await app.press(KEYS.escape);
    await waitForFrame('› Session name');
  });

  it('shows the focused screen’s keys in the footer', async () => {
    app = renderApp();
    await waitForFrame(', settings');
    expect(frame()).toContain('? help');
    expect(frame()).toContain('q quit');
    expect(frame()).not.toContain('Esc back');
    await app.press(',');
    await waitForFrame('↑↓ move');
    expect(frame()).toContain('Enter edit');
    expect(frame()).toContain('Esc back');
  });
});

describe('the help overlay', () => {
  it('lists every key of the current screen and the keys that work everywhere', async () => {
    app = renderApp();
    await app.press(',');
    await waitForFrame('Enter edit');
    await app.press('?');
    await waitForFrame('Keys on Settings');
    for (const text of [
      'Select the setting above',
      'Select the setting below',
      'Change the selected setting',
      'Everywhere',
      'Show or hide this help',
      'Go back to the previous screen',
      'Quit rolecall',
    ]) {
      expect(frame()).toContain(text);
    }
    expect(frame()).toMatch(/↑ k\s+Select the setting above/);
  });

  it('closes with ? or Esc, and the screen’s keys do nothing while it is open', async () => {
    app = renderApp();
    await app.press('?');
    await waitForFrame('Keys on Sessions');
    await app.press(',');
    expect(frame()).toContain('Keys on Sessions');
    await app.press('?');
    await waitForFrame('No live sessions.');
    await app.press('?');
    await waitForFrame('Keys on Sessions');
    await app.press(KEYS.escape);
    await waitForFrame('No live sessions.');
    // Esc closed the help; it did not also go back (there is nowhere to go) or quit.
    expect(frame()).toContain('rolecall › Sessions');
  });

  it('scrolls when the keys do not fit', async () => {
    app = renderApp({ columns: 60, rows: 12 });
    await app.press(',');
    await waitForFrame('Enter edit');
    await app.press('?');
    await waitForFrame('↑↓ scroll');
    expect(frame()).not.toContain('Quit rolecall, even while typing');
    for (let i = 0; i < 10; i++) await app.press(KEYS.down);
    await waitForFrame('Quit rolecall, even while typing');
  });
});

describe('quitting', () => {
  it('q quits', async () => {
    app = renderApp();
    await waitForFrame('No live sessions.');
    await app.press('q');
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('q with live sessions asks first, naming them; n stays, y quits', async () => {
    app = renderApp();
    const now = app.core.clock.now();
    const lasts = async () => session('x', 3600, now).credentials;
    app.core.sessions.add(session('prod-admin', 3600, now), lasts);
    app.core.sessions.add(session('dev-developer', 3600, now), lasts);
    app.core.sessions.add(session('mfa:alice', 3600, now), lasts);
    await waitForFrame('Live sessions (3)');
    await app.press('q');
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain(
        'Quit? 3 live sessions end with rolecall (their shells keep their credentials). y/n',
      ),
    );
    expect(frame()).toMatch(/y quit +n\/Esc cancel +Ctrl-C quit/);
    await app.press('n');
    await vi.waitFor(() => expect(frame()).not.toContain('Quit?'));
    expect(frame()).toContain('q quit');
    // From the help too, where q also quits.
    await app.press('?');
    await waitForFrame('Keys on Sessions');
    await app.press('q');
    await waitForFrame('Quit? 3 live sessions');
    await app.press('y');
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('names the one live session q would end; an expired one is not counted', async () => {
    const time = handClock();
    app = renderApp({
      core: createCore({ settings: new Settings({ dir: tempConfigDir() }), env: {}, ...time }),
    });
    const now = time.clock.now();
    app.core.sessions.add(session('prod-admin', 3600, now), async () => session('x', 1, now).credentials);
    app.core.sessions.add(session('dev-developer', 60, now), async () => session('y', 1, now).credentials);
    time.advance(61);
    await vi.waitFor(() => expect(frame()).toMatch(/dev-developer .*expired/));
    await app.press('q');
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain(
        'Quit? prod-admin ends with rolecall (shells opened with it keep its credentials). y/n',
      ),
    );
    await app.press(KEYS.escape);
    await vi.waitFor(() => expect(frame()).not.toContain('Quit?'));
    app.core.sessions.drop('prod-admin');
    await waitForFrame('Dropped prod-admin.');
    // Only an expired session is left: nothing is lost, q quits at once.
    await app.press('q');
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('Ctrl-C quits at once with live sessions, and while a question is up', async () => {
    app = renderApp();
    const now = app.core.clock.now();
    app.core.sessions.add(session('prod-admin', 3600, now), async () => session('x', 1, now).credentials);
    await waitForFrame('Live sessions (1)');
    await app.press(KEYS.ctrlC);
    await expect(app.exited).resolves.toBeUndefined();
    app.unmount();

    app = renderApp();
    app.core.sessions.add(session('prod-admin', 3600, now), async () => session('x', 1, now).credentials);
    await waitForFrame('Live sessions (1)');
    await app.press('d');
    await waitForFrame('Drop prod-admin?');
    await app.press(KEYS.ctrlC);
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('Ctrl-C quits', async () => {
    app = renderApp();
    await waitForFrame('No live sessions.');
    await app.press(KEYS.ctrlC);
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('q is a letter in a text field, and Ctrl-C still quits from there', async () => {
    app = renderApp();
    await app.press(',');
    await waitForFrame('Enter edit');
    await app.press(KEYS.down);
    await app.press(KEYS.down);
    await app.press(KEYS.enter);
    await waitForFrame('Enter saves, Esc cancels.');
    await app.press('q?');
    await waitForFrame('rolecall-{user}q?');
    expect(frame()).toContain('Ctrl-C quit');
    await app.press(KEYS.ctrlC);
    await expect(app.exited).resolves.toBeUndefined();
  });
});

describe('a question up', () => {
  it('takes only its answer: a form that comes up under it gets no keys', async () => {
    app = renderApp();
    const now = app.core.clock.now();
    app.core.sessions.add(session('prod-admin', 3600, now), async () => session('x', 3600, now).credentials);
    await waitForFrame('Live sessions (1)');
    await app.press('q');
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain('Quit? prod-admin ends with rolecall'),
    );
    // A renewal wants a code meanwhile: the MFA form comes to the front, the question stays.
    void app.core.mfa
      .ask({ serials: ['arn:aws:iam::111111111111:mfa/alice'], why: 'to renew prod-admin' })
      .catch(() => {});
    await waitForFrame('A code from your MFA device, to renew prod-admin.');
    expect(frame()).toMatch(/y quit +n\/Esc cancel/);
    await app.press('1');
    await app.press('2');
    await app.press('3');
    expect(frame()).toContain('6 more digits');
    await app.press('n');
    await vi.waitFor(() => expect(frame()).not.toContain('Quit?'));
    await app.press('4');
    await waitForFrame('5 more digits');
    app.core.mfa.cancel();
  });
});

describe('a screen that fails', () => {
  let renders = 0;
  function Broken() {
    renders += 1;
    if (renders < 3) throw new Error('the role list could not be read');
    return <Text>Recovered at last</Text>;
  }
  function Opener() {
    useKeys([
      {
        keys: ['b'],
        label: 'break',
        description: 'Open the broken screen',
        run: () => app.store.getState().actions.open('settings'),
      },
    ]);
    return <Text>Opener here</Text>;
  }
  const screens: ScreenRegistry = {
    ...SCREENS,
    home: { title: () => 'Opener', component: Opener },
    // Stands in for a real screen: routes are typed, so a test swaps one rather than adding one.
    settings: { title: () => 'Roles', component: Broken },
  };

  it('shows the message in a panel instead of crashing, and Esc goes back', async () => {
    renders = -100;
    app = renderApp({ screens });
    await waitForFrame('Opener here');
    await app.press('b');
    await waitForFrame('✗ Roles failed');
    expect(frame()).toContain('the role list could not be read');
    expect(frame()).toContain('r tries again, Esc goes back, q quits');
    expect(frame()).toContain('r retry');
    await app.press(KEYS.escape);
    await waitForFrame('Opener here');
    await app.press('q');
    await expect(app.exited).resolves.toBeUndefined();
  });

  it('draws the screen again with r', async () => {
    renders = 0;
    app = renderApp({ screens });
    await waitForFrame('Opener here');
    await app.press('b');
    await waitForFrame('✗ Roles failed');
    renders = 10;
    await app.press('r');
    await waitForFrame('Recovered at last');
  });
});

describe('a screen whose code is still loading', () => {
  it('keeps the keys typed meanwhile and gives them, in order, to the screen once it is drawn', async () => {
    let arrive: (component: typeof SettingsScreen) => void = () => {};
    const arrived = new Promise<typeof SettingsScreen>((resolve) => {
      arrive = resolve;
    });
    const screens: ScreenRegistry = {
      ...SCREENS,
      settings: { title: () => 'Settings', load: () => arrived },
    };
    app = renderApp({ screens });
    await waitForFrame('No live sessions.');
    // Two Downs and the key that opens the screen, in one write; then one more while it loads.
    await app.press(',', KEYS.down, KEYS.down);
    // Until it is loaded, the dashboard stays as it was, as if the key had not been read yet.
    expect(frame()).toContain('No live sessions.');
    expect(frame()).not.toContain('› Settings');
    await app.press(KEYS.down);
    arrive(SettingsScreen);
    const third = EDITABLE_SETTINGS[3]?.label ?? '';
    await vi.waitFor(() =>
      expect(
        frame()
          .split('\n')
          .find((l) => /^ *› /.test(l)),
      ).toContain(third),
    );
    // And the screen is an ordinary one: Esc goes back.
    await app.press(KEYS.escape);
    await waitForFrame('No live sessions.');
  });
});

describe('the terminal size', () => {
  function lines() {
    return frame().split('\n');
  }
  const widest = () => Math.max(...lines().map((l) => [...l].length));

  it('fills the terminal exactly and redraws when it is resized', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    await waitForFrame('No live sessions.');
    expect(lines()).toHaveLength(24);
    expect(lines()[1]).toBe('─'.repeat(80));
    app.resize(100, 30);
    await vi.waitFor(() => expect(lines()).toHaveLength(30));
    expect(lines()[1]).toBe('─'.repeat(100));
    app.resize(60, 15);
    await vi.waitFor(() => expect(lines()).toHaveLength(15));
    expect(widest()).toBeLessThanOrEqual(60);
  });

  it('asks for a larger window when it is too small to be read, and comes back where it was', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    await app.press(',');
    await waitForFrame('Enter edit');
    app.resize(40, 10);
    await waitForFrame('rolecall needs a larger window');
    expect(frame().replace(/\s+/g, ' ')).toContain('This one is 40x10; make it at least 50x12.');
    await app.press(KEYS.escape); // ignored while the window is too small
    app.resize(80, 24);
    await waitForFrame('Enter edit');
    expect(frame()).toContain('rolecall › Sessions › Settings');
  });

  it('asks before quitting with live sessions even when it is too small, and says what it asks', async () => {
    app = renderApp({ columns: 80, rows: 24 });
    const now = app.core.clock.now();
    app.core.sessions.add(session('prod-admin', 3600, now), async () => session('x', 1, now).credentials);
    await waitForFrame('Live sessions (1)');
    app.resize(40, 10);
    await waitForFrame('rolecall needs a larger window');
    await app.press('q');
    await vi.waitFor(() =>
      expect(frame().replace(/\s+/g, ' ')).toContain('Quit? prod-admin ends with rolecall'),
    );
    expect(frame()).toContain('rolecall needs a larger window');
    await app.press('y');
    await expect(app.exited).resolves.toBeUndefined();
  });

  // Each screen with its first and its last line: both must be on screen, whole.
  const screensToRead: Array<[string, string[], string, string]> = [
    ['Sessions', [], 'Live sessions', 'how long sessions last.'],
    ['Settings', [','], 'Default region     us-east-1', 'Saved in'],
    ['an edit field', [',', KEYS.enter], 'Default region', 'Enter saves, Esc cancels.'],
    ['help', [',', '?'], 'Keys on Settings', '? or Esc closes help'],
  ];
  it.each(
    (
      [
        [60, 15],
        [50, 12],
      ] as const
    ).flatMap(([columns, rows]) =>
      screensToRead.map(([name, keys, first, last]) => ({ columns, rows, name, keys, first, last })),
    ),
  )(
    'is readable at $columns x $rows on $name: every line fits and nothing is cut',
    async ({ columns, rows, keys, first, last }) => {
      app = renderApp({ columns, rows });
      await waitForFrame('rolecall');
      for (const key of keys) await app.press(key);
      await waitForFrame(first);
      // The last line is there too, and whole: nothing was clipped off the bottom.
      expect(frame().replace(/\s+/g, ' ')).toContain(last);
      expect(lines()).toHaveLength(rows);
      expect(widest()).toBeLessThanOrEqual(columns);
      // Only the header's trail may be shortened, from its start ("… › Settings › Default region").
      expect(lines().slice(1).join('\n')).not.toContain('…');
    },
  );
});

describe('the status line', () => {
  it('shows a long notice whole at 60x15, wrapping it over as many lines as it needs', async () => {
    const text =
      'Settings file ~/.config/a-rather-long-directory-name/rolecall/settings.json was not valid JSON; it is now settings.json.bak and defaults are in use.';
    app = renderApp({
      columns: 60,
      rows: 15,
      store: createUiStore(HOME_SCREEN, { status: { tone: 'warning', text } }),
    });
    await waitForFrame('rolecall');
    // A path longer than a line is broken mid-word; compare without the line breaks.
    expect(frame().replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''));
    expect(frame().split('\n')).toHaveLength(15);
  });
});

describe('durable UI state', () => {
  it('outlives the components: a new app on the same store is where the person left it', async () => {
    app = renderApp();
    await app.press(',');
    await waitForFrame('Enter edit');
    await app.press(KEYS.down);
    await app.press(KEYS.enter);
    await waitForFrame('Enter saves, Esc cancels.');
    await app.press(KEYS.ctrlU);
    await app.press('90m');
    await waitForFrame('› 90m');
    app.unmount();

    const again = renderApp({ settings: app.settings, store: app.store });
    app = again;
    await waitForFrame('rolecall › Sessions › Settings › Session duration');
    expect(frame()).toContain('› 90m');
    await app.press(KEYS.escape);
    await waitForFrame('› Session duration');
  });
});
