// The house's shape, read from the imports of src/, components/ and screens/: dependencies point
// one way (screens → components → core), the sandbox stays sealed, the core's rooms do not lean on
// each other in a loop, and the environment is read at the root. Each failure says, in words,
// which file broke which rule and what to do instead.
//
// The allowlists below are what is still there today, each with its reason. They are meant to
// shrink: an entry that no longer applies fails the test too, so the list never outlives its use.
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/built-bin';
import { type Import, loopsOf, readImportGraph, roomOf } from './helpers/import-graph';

const graph = readImportGraph(ROOT, ['src', 'components', 'screens']);

/** Packages that draw a terminal interface or hold its state. */
const INTERFACE_PACKAGES = ['ink', 'react', 'react-dom', 'zustand', '@inkjs/ui', 'ink-testing-library'];

/** The one way the core reaches the interface: the composition root loads the TUI when it runs. */
const TUI_ENTRY = { from: 'src/cli.ts', to: 'screens/app/shell/run-tui.tsx' };

/** Files of the product (outside the sandbox) that may start the sandbox, each lazily. */
const SANDBOX_STARTERS = ['src/cli.ts'];

/**
 * Files in src/ that may read process.env besides the root (src/cli.ts) and the sandbox: none.
 * Below the root the environment is passed in (options.env), so a test gives its own. A file
 * that must read it goes here with its reason.
 */
const ENV_READERS_ALLOWED: Readonly<Record<string, string>> = {
  'src/main.ts':
    "the bin's entry: credential-process served by an agent finds its socket (ROLECALL_AGENT_SOCK, XDG_RUNTIME_DIR) before cli.ts loads, and one-shot.ts is handed the environment as cli.ts's commands are",
};

/**
 * Arrows between rooms of src/ (a room is the first folder under src/) that point the wrong way
 * and close a loop, known and not yet turned round: none today. Type imports count: they load nothing, but a
 * reader has to follow them all the same. With these arrows left out, the rooms have no loop.
 */
const ROOM_ARROWS_ALLOWED: Readonly<Record<string, string>> = {};

/** The same for files of src/. With these arrows left out, the files have no loop. */
const FILE_ARROWS_ALLOWED: Readonly<Record<string, string>> = {
  'src/sandbox/trusted-principals.ts → src/sandbox/world.ts':
    'the world calls rememberTrustedIds, which takes the World as a type; inside the sealed sandbox',
};

const inCore = (file: string) => file.startsWith('src/');
const inSandbox = (file: string) => file.startsWith('src/sandbox/');
const inProduct = (file: string) => /^(src|components|screens)\//.test(file) && !inSandbox(file);
const line = (i: Import) =>
  `${i.from} imports ${i.specifier}${i.lazy ? ' (lazily)' : ''}${i.typeOnly ? ' (types only)' : ''}`;

/**
 * The loops among `imports` (files grouped into nodes by `nodeOf`) once the allowed arrows are
 * left out, each with one import per arrow inside it; and the allowed arrows that no longer close
 * a loop, so their entries go.
 */
function loopsIn(
  imports: readonly Import[],
  nodeOf: (file: string) => string,
  allowed: Readonly<Record<string, string>>,
  listName: string,
): { loops: { loop: string; why: string }[]; stale: string[] } {
  const all = new Map<string, Set<string>>();
  const kept = new Map<string, Set<string>>();
  const example = new Map<string, Import>();
  for (const i of imports) {
    const [from, to] = [nodeOf(i.from), nodeOf(i.to)];
    const arrow = `${from} → ${to}`;
    all.set(from, (all.get(from) ?? new Set()).add(to));
    if (!(arrow in allowed)) kept.set(from, (kept.get(from) ?? new Set()).add(to));
    if (!example.has(arrow)) example.set(arrow, i);
  }
  const loops = loopsOf(kept).map((group) => {
    const inside = [...example].filter(([arrow]) => {
      const [from = '', to = ''] = arrow.split(' → ');
      return group.includes(from) && group.includes(to) && !(arrow in allowed);
    });
    return {
      loop: group.join(' ⇄ '),
      why: inside
        .map(([arrow, i]) => (arrow.startsWith(`${i.from} `) ? line(i) : `${arrow}: ${line(i)}`))
        .join('; '),
    };
  });
  const looped = loopsOf(all);
  const stale = Object.keys(allowed)
    .filter((arrow) => {
      const [from = '', to = ''] = arrow.split(' → ');
      return !all.get(from)?.has(to) || !looped.some((group) => group.includes(from) && group.includes(to));
    })
    .map((arrow) => `${arrow} no longer closes a loop: take it off ${listName} in this file.`);
  return { loops, stale };
}

describe('the shape of the house', () => {
  it('reads the import graph it checks (the rules below would pass on an empty one)', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.files).toContain('src/cli.ts');
    expect(graph.imports).toContainEqual(expect.objectContaining({ ...TUI_ENTRY, lazy: true }));
    expect(graph.imports).toContainEqual(
      expect.objectContaining({ from: 'screens/app/shell/app.tsx', to: 'ink' }),
    );
    const unresolved = graph.imports.filter(
      (i) => !i.external && !graph.files.includes(i.to) && i.to !== 'package.json',
    );
    expect(unresolved.map((i) => `${line(i)}, which is not a file of the project`)).toEqual([]);
  });

  it('keeps the core in src/ free of the interface: no ink, React or zustand, no components/ or screens/', () => {
    const broken = graph.imports
      .filter((i) => inCore(i.from))
      .filter((i) => (i.external ? INTERFACE_PACKAGES.includes(i.to) : /^(components|screens)\//.test(i.to)))
      .filter((i) => !(i.from === TUI_ENTRY.from && i.to === TUI_ENTRY.to && i.lazy))
      .map(
        (i) =>
          `${line(i)}. The core must work with no interface loaded (rolecall env and exec load no React), ` +
          'so src/ never reaches into the interface: give the core a plain value or a callback, and ' +
          'let components/ or screens/ do the drawing.',
      );
    expect(broken).toEqual([]);
  });

  it('keeps components/ below screens/: a component never imports a screen', () => {
    const broken = graph.imports
      .filter((i) => i.from.startsWith('components/') && i.to.startsWith('screens/'))
      .map(
        (i) =>
          `${line(i)}. Components are pieces any screen may use; one that knows a screen is no longer ` +
          'reusable. Pass what it needs as props, or move it into screens/.',
      );
    expect(broken).toEqual([]);
  });

  it('keeps the sandbox sealed: the product only starts it, from the composition root, lazily', () => {
    const broken = graph.imports
      .filter((i) => inProduct(i.from) && inSandbox(i.to))
      .filter((i) => !(SANDBOX_STARTERS.includes(i.from) && i.lazy))
      .map(
        (i) =>
          `${line(i)}. The sandbox is an emulator for trying rolecall and for tests; the product must ` +
          `not depend on it (and must not load it unless asked). Only ${SANDBOX_STARTERS.join(', ')} ` +
          'starts it, with a lazy import.',
      );
    expect(broken).toEqual([]);
  });

  it('has no loop between the rooms of src/ but the known ones', () => {
    const inRooms = (i: Import) =>
      !i.external && inCore(i.from) && inCore(i.to) && roomOf(i.from) !== roomOf(i.to);
    const { loops, stale } = loopsIn(
      graph.imports.filter(inRooms),
      roomOf,
      ROOM_ARROWS_ALLOWED,
      'ROOM_ARROWS_ALLOWED',
    );
    const broken = loops.map(
      ({ loop, why }) =>
        `The rooms ${loop} import each other in a loop (${why}). A room in a loop cannot be read or ` +
        'tested without the others: move the shared piece down into the lower room, or into a room ' +
        'of its own that both import.',
    );
    expect([...broken, ...stale]).toEqual([]);
  });

  it('has no loop between the files of src/ but the known ones', () => {
    const inFiles = (i: Import) => !i.external && inCore(i.from) && inCore(i.to);
    const { loops, stale } = loopsIn(
      graph.imports.filter(inFiles),
      (file) => file,
      FILE_ARROWS_ALLOWED,
      'FILE_ARROWS_ALLOWED',
    );
    const broken = loops.map(
      ({ loop, why }) =>
        `The files ${loop} import each other in a loop (${why}): to read one you must read the ` +
        'other, and at run time which loads first decides what the other sees. Move what both need ' +
        'into a file of its own.',
    );
    expect([...broken, ...stale]).toEqual([]);
  });

  it('has no loop between the files of the interface (components/ and screens/)', () => {
    const inInterface = (file: string) => file.startsWith('components/') || file.startsWith('screens/');
    const inFiles = (i: Import) => !i.external && inInterface(i.from) && inInterface(i.to);
    const { loops } = loopsIn(graph.imports.filter(inFiles), (file) => file, {}, 'none');
    const broken = loops.map(
      ({ loop, why }) =>
        `The files ${loop} import each other in a loop (${why}): a screen, the store and the ` +
        'route table share types through a file of their own (route-params.ts), never through each other.',
    );
    expect(broken).toEqual([]);
  });

  it('reads process.env in src/ only at the root (src/cli.ts), in the sandbox and in the listed files', () => {
    const readers = [...graph.envReaders].filter(([file]) => inCore(file));
    const broken = readers
      .filter(([file]) => file !== 'src/cli.ts' && !inSandbox(file) && !(file in ENV_READERS_ALLOWED))
      .map(
        ([file, lines]) =>
          `${file} reads process.env (line ${lines.join(', ')}). Below the root, the environment is ` +
          "passed in (options.env, from src/cli.ts), so a test can give its own and never set the process's.",
      );
    const stale = Object.keys(ENV_READERS_ALLOWED)
      .filter((file) => !readers.some(([reader]) => reader === file))
      .map((file) => `${file} no longer reads process.env: take it off ENV_READERS_ALLOWED in this file.`);
    expect([...broken, ...stale]).toEqual([]);
  });
});
