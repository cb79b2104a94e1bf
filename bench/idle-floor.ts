// The floor bench:idle measures rolecall against: bare ink redrawing one ticking line at 1 Hz.
// Started as rolecall is (src/cli.ts): V8's compile cache on first, then the app loaded as a
// chunk of its own, so that the process is the same kind of process with the same modules warm.
import * as nodeModule from 'node:module';

const cache = process.env.FLOOR_COMPILE_CACHE;
if (cache) nodeModule.enableCompileCache?.(cache);
await import('./idle-floor-app');
