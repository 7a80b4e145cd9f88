import type { Command } from '../command.ts';
import { explainCommand } from './explain.ts';
import { lintCommand } from './lint.ts';
import { migrateCommand } from './migrate.ts';
import { statusCommand } from './status.ts';
import { syncCommand } from './sync.ts';

/** Every command of `ferry`, in the order `ferry --help` lists them. */
export const commands: readonly Command[] = [
  statusCommand,
  syncCommand,
  explainCommand,
  migrateCommand,
  lintCommand,
];
