// The built CLI, as `npm test` leaves it (it runs the build first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}dist/rolecall.js`;

export function requireBuiltBin(): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build (npm test does).`);
  return BIN;
}
