#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the package ships no build step and `npm install`
// is all a fresh machine needs.
import { register } from 'tsx/esm/api';

// The AWS SDK warns that Node 20 support ends in 2027; the Lambdas run a current runtime, and on a
// laptop the warning would only bury the scan's own output. Every other warning still shows.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!`${w.name} ${w.message}`.includes('NodeVersionSupportWarning')) process.stderr.write(`${w.name}: ${w.message}\n`);
});

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
