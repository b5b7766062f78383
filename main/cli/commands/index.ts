import type { RegisterCommand } from '../cli-context';
import { register as caseCommands } from './case';
import { register as add } from './add';
import { register as items } from './items';
import { register as verify } from './verify';
import { register as log } from './log';

/** Every `shoko` command, in the order `--help` lists them. Add one import and one entry per command file. */
export const COMMANDS: readonly RegisterCommand[] = [
  caseCommands,
  add,
  items,
  verify,
  log,
];
