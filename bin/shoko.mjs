#!/usr/bin/env node
// The `shoko` command. Runs the TypeScript engine through tsx so the CLI, the tests and the
// app share one source tree without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv);
