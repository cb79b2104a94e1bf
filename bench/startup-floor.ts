// The floor bench:startup measures rolecall against: the smallest ink app on rolecall's own ink
// and React. Started as rolecall is (src/cli.ts): V8's compile cache on first, then the interface
// loaded as a chunk of its own, so that what differs is only what rolecall does before its frame.
import * as nodeModule from 'node:module';

const cache = process.env.FLOOR_COMPILE_CACHE;
if (cache) nodeModule.enableCompileCache?.(cache);
await import('./startup-floor-app');
