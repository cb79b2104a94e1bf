// Words for an error that no room has mapped to its own: its message, unless it says that
// rolecall's own code is gone. The build splits rolecall into chunks loaded when first needed
// (scripts/build.mjs: dist/chunks/NAME-HASH.js), and a rebuild or an upgrade replaces them under
// a running rolecall; its next first use of a part then fails with Node's words ("Cannot find
// module '…/dist/chunks/setup-check-X7BK37OR.js' imported from …"), which no person can act on.

export const OWN_CODE_GONE = 'rolecall was updated or removed while it ran: quit and start it again.';

/** One of rolecall's chunks, as Node names it: an absolute path under chunks/, or `./chunk-HASH.js` from another. */
const OWN_CHUNK = /(?:[/\\]chunks[/\\]|^\.\/)[\w.-]+-[A-Z0-9]{8}\.js$/;

/**
 * Whether `error` is a failed import of rolecall's own code: a chunk not found (ERR_MODULE_NOT_FOUND),
 * or one found but from another build, without the export this one asks for (a SyntaxError).
 */
export function ownCodeGone(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof message !== 'string') return false;
  const missing = /^Cannot find module '([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_MODULE_NOT_FOUND' && missing !== undefined) return OWN_CHUNK.test(missing);
  const stale = /^The requested module '([^']+)' does not provide an export named /.exec(message)?.[1];
  return name === 'SyntaxError' && stale !== undefined && OWN_CHUNK.test(stale);
}

/** What to say of an error no room has words for. */
export function errorText(error: unknown): string {
  if (ownCodeGone(error)) return OWN_CODE_GONE;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
