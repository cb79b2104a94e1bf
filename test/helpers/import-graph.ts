// The project's import graph, read from the source text: who imports what (files of the project,
// packages by name), whether lazily, and who reads process.env. A regex over the specifiers, not a
// compiler: enough for rules about which folder may lean on which.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface Import {
  /** The importing file, relative to the project root, with forward slashes: `src/cli.ts`. */
  from: string;
  /** As written: `../aws/errors`, `ink`. */
  specifier: string;
  /** A project file (`src/aws/errors.ts`), or a package's name (`ink`, `@aws-sdk/client-sts`). */
  to: string;
  /** True for a package, false for a file of the project. */
  external: boolean;
  /** `await import(…)`: loaded only when that code runs. */
  lazy: boolean;
  /** `import type …`, or only `type` names: gone once compiled, so nothing loads. */
  typeOnly: boolean;
}

export interface ImportGraph {
  files: readonly string[];
  imports: readonly Import[];
  /** Each file that reads process.env, with the line numbers where it does. */
  envReaders: ReadonlyMap<string, readonly number[]>;
}

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const RESOLVE_AS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

/** `import … from 'x'`, `export … from 'x'`, `import 'x'` (multi-line lists included). */
const STATIC = /(?:^|[;\s])(?:import|export)\s+(type\s+)?(?:([^'"`;]*?)\s+from\s*)?['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const ENV = /\bprocess\.env\b|\bprocess\[['"]env['"]\]|from\s+['"](?:node:)?process['"]/;

export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const files = folders
    .flatMap((folder) => sourceFiles(join(root, folder)))
    .map((file) => slashed(relative(root, file)));
  const imports: Import[] = [];
  const envReaders = new Map<string, number[]>();
  for (const file of files) {
    const code = withoutComments(readFileSync(join(root, file), 'utf8'));
    for (const match of code.matchAll(STATIC)) {
      const specifier = match[3] ?? '';
      const typeOnly = Boolean(match[1]) || onlyTypes(match[2]);
      imports.push({ from: file, specifier, lazy: false, typeOnly, ...target(root, file, specifier) });
    }
    for (const match of code.matchAll(DYNAMIC)) {
      const specifier = match[1] ?? '';
      imports.push({ from: file, specifier, lazy: true, typeOnly: false, ...target(root, file, specifier) });
    }
    const lines = code.split('\n').flatMap((line, index) => (ENV.test(line) ? [index + 1] : []));
    if (lines.length > 0) envReaders.set(file, lines);
  }
  return { files, imports, envReaders };
}

/** The folder under src/ a file lives in (`aws` for src/aws/errors.ts), or the file itself. */
export function roomOf(file: string): string {
  const [, first, rest] = /^src\/([^/]+)(\/.*)?$/.exec(file) ?? [];
  return rest ? (first ?? file) : file.replace(/^src\//, '');
}

/**
 * The loops in a graph: each group of two or more nodes that can all reach one another (Tarjan's
 * strongly connected components), its members sorted. A group is the whole tangle: two loops that
 * share a node are one group.
 */
export function loopsOf(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      for (;;) {
        const member = stack.pop() ?? node;
        onStack.delete(member);
        group.push(member);
        if (member === node) break;
      }
      if (group.length > 1) groups.push(group);
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.map((group) => group.sort());
}

/** `{ type A, type B }`: every name imported is a type. */
function onlyTypes(clause: string | undefined): boolean {
  const names = /^\{([^}]*)\}$/
    .exec(clause?.trim() ?? '')?.[1]
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return Boolean(names?.length) && (names ?? []).every((name) => name.startsWith('type '));
}

function target(root: string, file: string, specifier: string): { to: string; external: boolean } {
  if (!specifier.startsWith('.')) {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
    return { to: name, external: true };
  }
  const base = resolve(root, dirname(file), specifier);
  const found = RESOLVE_AS.map((ending) => base + ending).find(
    (path) => existsSync(path) && statSync(path).isFile(),
  );
  return { to: slashed(relative(root, found ?? base)), external: false };
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The code with its comments blanked (lines kept, so line numbers hold), so a comment that
 * mentions `import('ink')` or process.env is not taken for one. Strings are left alone: a `//`
 * inside a string (a URL) does not start a comment.
 */
function withoutComments(code: string): string {
  return code.replace(
    /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (whole, text) => (text ? whole : whole.replace(/[^\n]/g, ' ')),
  );
}

function slashed(path: string): string {
  return path.split('\\').join('/');
}
