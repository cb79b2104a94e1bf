// What each command loads, read from the built bundle's import graph: `rolecall env` must not
// pay for the interface, the sandbox or conf's schema compiler (issue 4: load only what it needs).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, requireBuiltBin } from '../helpers/built-bin';

/** Every file a chunk loads, statically, from itself down. */
function loads(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*["'](\.\.?\/[^"']+)["']/g)) {
    loads(normalize(join(dirname(file), match[1] ?? '')), seen);
  }
  return seen;
}

function chunk(prefix: string): string {
  const name = readdirSync(join(ROOT, 'dist/chunks')).find((c) => c.startsWith(prefix) && c.endsWith('.js'));
  if (!name) throw new Error(`no ${prefix} chunk in dist/chunks`);
  return join(ROOT, 'dist/chunks', name);
}

/** Every file a chunk may load later, by a dynamic import from what it loads statically. */
function loadsLater(file: string): Set<string> {
  const now = loads(file);
  const later = new Set<string>();
  for (const loaded of now) {
    for (const match of readFileSync(loaded, 'utf8').matchAll(/import\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)) {
      loads(normalize(join(dirname(loaded), match[1] ?? '')), later);
    }
  }
  for (const loaded of now) later.delete(loaded);
  return later;
}

/** The STS client's own code (its service's name in its signing), not rolecall's calls of it. */
const STS_CLIENT = 'AWSSecurityTokenServiceV20110615';

/** conf's own code, ajv's options and semver's (which conf's migrations use). */
const CONF_MARKERS = ['Use `delete()` to clear values', 'strictSchema', 'SEMVER_SPEC_VERSION'];

const textOf = (files: Set<string>) => [...files].map((f) => readFileSync(f, 'utf8')).join('\n');

describe('what a command loads', () => {
  // The CLI's (`rolecall env PROFILE --region …`) and one-shot.ts's (the same words without options).
  const envStarts = () => [chunk('env-command'), join(ROOT, 'dist/one-shot/chunks/one-shot.js')];

  it('rolecall env and credential-process load neither the interface, nor the sandbox, nor conf', () => {
    requireBuiltBin();
    for (const start of envStarts()) {
      const text = textOf(loads(start));
      expect(text).toContain('credential_process');
      expect(text).not.toMatch(/react-reconciler|useInput|yoga/i);
      expect(text).not.toContain('startSandbox');
      expect(text).not.toContain('clearInvalidConfig');
      expect(text).not.toContain('CommanderError');
      // STS only, loaded when the call is made: the IAM client (about 240 KB) is no part of
      // getting credentials.
      expect(text).not.toContain('ListRolesCommand');
      expect(text).not.toContain(STS_CLIENT);
      expect(textOf(loadsLater(start))).toContain(STS_CLIENT);
      // It builds the core's part for one-shot commands (command-core.ts): the files, the clients
      // and the assume rules, not accounts, verdicts or role listing; and no trust-policy engine.
      expect(text).toContain('createCommandCore');
      expect(text).not.toContain('function createCore');
      expect(text).not.toMatch(/class (Verdicts|RoleListing|Accounts) /);
      expect(text).not.toContain('evaluatePolicy');
      // The SDK as ES modules: none wrapped in a function compiled at its first call on every run,
      // outside V8's compile cache (bundle-options.mjs, mainFields).
      expect(textOf(loadsLater(start))).not.toContain('__esm(');
    }
  });

  it("one-shot.ts loads far fewer modules than the same command among the CLI's chunks", () => {
    const [cli, oneShot] = envStarts().map((start) => loads(start).size + loadsLater(start).size);
    // Each module is found, read and linked (~0.2 ms apiece): the reason one-shot.ts is built apart.
    expect(oneShot).toBeLessThan((cli ?? 0) / 2);
  });

  it('the interface loads the STS and IAM clients only when first needed, not for its first frame', () => {
    const text = textOf(loads(chunk('run-tui')));
    expect(text).not.toContain(STS_CLIENT);
    expect(text).not.toContain('ListRolesCommand');
    expect(textOf(loadsLater(chunk('run-tui')))).toContain(STS_CLIENT);
    // Nor the SDK's retry code, which every client's strategy extends: it comes with the first call.
    expect(text).not.toContain('DefaultRateLimiter');
    expect(textOf(loadsLater(chunk('run-tui')))).toContain('DefaultRateLimiter');
    expect(textOf(loads(chunk('iam-browse')))).toContain('ListRolesCommand');
  });

  it('the interface draws its first frame with the dashboard only: the other screens come after it', () => {
    const now = textOf(loads(chunk('run-tui')));
    expect(now).toContain('function HomeScreen');
    for (const screen of ['AccountsScreen', 'SettingsScreen', 'TrustPolicyScreen', 'TourScreen'])
      expect(now).not.toContain(`function ${screen}`);
    const later = textOf(loadsLater(chunk('run-tui')));
    for (const screen of ['AccountsScreen', 'SettingsScreen', 'TrustPolicyScreen', 'TourScreen'])
      expect(later).toContain(`function ${screen}`);
  });

  it('the interface draws its first frame without conf, its schema compiler or semver: they come just after', () => {
    // What the interface loads before it draws: its shell and the settings (cli.ts's openInterface).
    const firstFrame = new Set([...loads(chunk('run-tui')), ...loads(chunk('settings'))]);
    const now = textOf(firstFrame);
    expect(now).toContain('settingsReady');
    for (const marker of CONF_MARKERS) expect(now).not.toContain(marker);
    const later = new Set([...loadsLater(chunk('run-tui')), ...loadsLater(chunk('settings'))]);
    for (const loaded of firstFrame) later.delete(loaded);
    for (const marker of CONF_MARKERS) expect(textOf(later)).toContain(marker);
  });

  it('React and its JSX runtime are linked once, not copied into every module that imports them', () => {
    // esbuild's interop for a CommonJS import: a copy of its exports, a getter each (bundle-options.mjs).
    const copies = (name: string) =>
      readdirSync(join(ROOT, 'dist/chunks'))
        .filter((file) => file.endsWith('.js'))
        .map(
          (file) =>
            readFileSync(join(ROOT, 'dist/chunks', file), 'utf8').split(`__toESM(require_${name}()`).length -
            1,
        )
        .reduce((sum, n) => sum + n, 0);
    expect(copies('react')).toBe(1);
    expect(copies('jsx_runtime')).toBe(1);
  });

  it("yoga's wasm is decoded where it is, not fetched: Node's fetch is undici, ~35 ms of a start on one core", () => {
    const marker = '// node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js';
    const text = textOf(loads(chunk('run-tui')));
    const start = text.indexOf(marker);
    expect(start).toBeGreaterThanOrEqual(0);
    const loader = text.slice(start, text.indexOf('\n// ', start + marker.length));
    expect(loader).toContain('data:application/octet-stream;base64,');
    expect(loader).not.toMatch(/\bfetch\b/);
  });

  it("the interface's first frame imports none of Node's crypto: a shell's start loads it", () => {
    const firstFrame = new Set([
      ...loads(join(ROOT, 'dist/rolecall.js')),
      ...loads(join(ROOT, 'dist/chunks/cli.js')),
      ...loads(chunk('run-tui')),
      ...loads(chunk('settings')),
    ]);
    // node:crypto is some twenty of Node's modules, loaded before the frame when imported.
    expect(textOf(firstFrame)).not.toMatch(/from\s*["'](node:)?crypto["']/);
  });

  it('the entry answers an agent-served credential-process alone: no command line parser, no SDK, no chunk', () => {
    const entry = join(ROOT, 'dist/rolecall.js');
    expect([...loads(entry)]).toEqual([entry]);
    const text = readFileSync(entry, 'utf8');
    expect(text).toContain('credential-process');
    expect(text).not.toContain('CommanderError');
    expect(text).not.toContain('AssumeRoleCommand');
    // Node's own modules only, and the CLI or the one-shot commands loaded when the agent does not answer.
    const imported = [...text.matchAll(/from\s*["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(imported.filter((name) => !name?.startsWith('node:')).sort()).toEqual([
      './chunks/cli.js',
      './one-shot/chunks/one-shot.js',
    ]);
  });

  it('the CLI itself loads none of them either: --help and --version stay light', () => {
    const text = textOf(loads(join(ROOT, 'dist/chunks/cli.js')));
    expect(text).not.toMatch(/react-reconciler|yoga/i);
    expect(text).not.toContain('clearInvalidConfig');
    expect(text).not.toContain(STS_CLIENT);
  });

  it('`rolecall` and `rolecall env PROFILE` start without the command line parser; other words load it', () => {
    // Commander's own code: its "did you mean" for a mistyped option or command.
    const parser = 'suggestSimilar';
    expect(textOf(loads(join(ROOT, 'dist/chunks/cli.js')))).not.toContain(parser);
    expect(textOf(loadsLater(join(ROOT, 'dist/chunks/cli.js')))).toContain(parser);
  });
});
