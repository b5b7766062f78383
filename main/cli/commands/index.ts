import type { RegisterCommand } from '../cli-context';
import { register as caseCommands } from './case';
import { register as add } from './add';
import { register as items } from './items';
import { register as info } from './info';
import { register as leaks } from './leaks';
import { register as scan } from './scan';
import { register as pages } from './pages';
import { register as render } from './render';
import { register as ocr } from './ocr';
import { register as hits } from './hits';
import { register as review } from './review';
import { register as redact } from './redact';
import { register as packageCommand } from './package';
import { register as timestamp } from './timestamp';
import { register as verify } from './verify';
import { register as log } from './log';
import { register as triage } from './triage';
import { register as demo } from './demo';

/** Every `shoko` command, in pipeline order as `--help` lists them. Add one import and one entry per command file. */
export const COMMANDS: readonly RegisterCommand[] = [
  caseCommands,
  add,
  items,
  info,
  leaks,
  scan,
  pages,
  render,
  ocr,
  hits,
  review,
  redact,
  packageCommand,
  timestamp,
  verify,
  log,
  triage,
  demo,
];
