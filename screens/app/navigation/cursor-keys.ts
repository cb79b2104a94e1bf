// The keys that move a list's cursor, the same on every list: ↑↓ (and k j when no text field
// is taking letters), and PgUp PgDn by a screenful when the list is long.
import type { KeyBinding } from '../../../components/keymap';

export function cursorKeys(
  move: (by: number) => void,
  /** "session", "account": for the help's "Select the session above". */
  noun: string,
  options: { letters?: boolean; page?: number } = {},
): KeyBinding[] {
  const letters = options.letters ?? true;
  const page = options.page;
  return [
    {
      keys: letters ? ['up', 'k'] : ['up'],
      hint: '↑↓',
      label: 'move',
      description: `Select the ${noun} above`,
      run: () => move(-1),
    },
    {
      keys: letters ? ['down', 'j'] : ['down'],
      label: 'move',
      description: `Select the ${noun} below`,
      run: () => move(1),
      footer: false,
    },
    ...(page
      ? [
          {
            keys: ['pageup'],
            label: 'page up',
            description: 'Move a page up',
            footer: false,
            run: () => move(-page),
          },
          {
            keys: ['pagedown'],
            label: 'page down',
            description: 'Move a page down',
            footer: false,
            run: () => move(page),
          },
        ]
      : []),
  ];
}
