// Reading a request's condition keys.
import type { PolicyRequest } from './request';

/** The request's value(s) for a key; keys compare case-insensitively. */
export function contextValues(request: PolicyRequest, key: string): readonly string[] | undefined {
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(request.context)) {
    if (name.toLowerCase() === lower && value !== undefined)
      return typeof value === 'string' ? [value] : value;
  }
  return undefined;
}
