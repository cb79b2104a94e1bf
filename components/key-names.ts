// One name per key, so bindings, the footer and the help overlay agree on what a key is called.
import type { Key } from 'ink';

export type KeyName = string;

const NAMED: ReadonlyArray<[keyof Key, KeyName]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'enter'],
  ['escape', 'escape'],
  ['tab', 'tab'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

/** "up", "enter", "escape", "ctrl+c", or the character typed ("q", "?", ","). */
export function keyName(input: string, key: Key): KeyName | undefined {
  // Terminals send Shift-Tab as its own sequence (CSI Z), which ink reports as tab with shift.
  if (key.tab && key.shift) return 'shift+tab';
  for (const [flag, name] of NAMED) if (key[flag]) return name;
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input.length > 0 ? input : undefined;
}

/** A character a text field would take. */
export function isTypedCharacter(input: string, key: Key): boolean {
  return input.length > 0 && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab;
}

const SHOWN: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  'shift+tab': 'Shift-Tab',
  space: 'Space',
  backspace: 'Backspace',
  delete: 'Del',
};

/** How a key is written on screen: "↑", "Enter", "Ctrl-C", "q". */
export function showKey(name: KeyName): string {
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return SHOWN[name] ?? name;
}
