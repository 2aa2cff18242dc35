#!/usr/bin/env node
// The `charla-server` command. It lives outside dist/ so that it exists before a build:
// pnpm links the bins of workspace packages at install time, and on a fresh clone a bin
// pointing into dist/ was a warning for every package that depends on the server.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('charla-server: not built yet: run `pnpm build` first\n');
  process.exit(2);
}
await import(main.href);
