#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the package ships no build step and `npm install`
// is all a fresh machine needs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
