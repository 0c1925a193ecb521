#!/usr/bin/env node
// Entry point of `shoprec`. The command line is TypeScript run through tsx, so it works right
// after `npm install` without a build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own tsconfig, not whatever tsconfig.json the current directory has.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

// A reader such as `head` may close the pipe early, which is not a failure of the command.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = await import('../src-main/cli/main.ts');
const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

// Exit explicitly: an engine worker or timer left running must not keep a finished command alive.
process.exit(status);
