import type { Io } from '../command.ts';
import { terminalSequence } from './terminal-text.ts';

/** Paints text for a terminal; every function returns the text unchanged when colour is off. */
export interface Style {
  readonly colour: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `${terminalSequence(`[${String(open)}m`)}${text}${terminalSequence(`[${String(close)}m`)}`;

const plain = (text: string): string => text;

/**
 * Colour on a terminal only, and never when NO_COLOR is set to anything (no-color.org) or the
 * terminal says it cannot (TERM=dumb).
 */
export function styleFor(io: Pick<Io, 'isTerminal' | 'env'>): Style {
  const colour = io.isTerminal && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
  if (!colour) {
    return { colour, bold: plain, dim: plain, green: plain, red: plain, yellow: plain, cyan: plain };
  }
  return {
    colour,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    green: sgr(32, 39),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** A condition status painted by what it means: True green, False red, anything else yellow. */
export function paintConditionStatus(style: Style, status: string): string {
  if (status === 'True') return style.green(status);
  if (status === 'False') return style.red(status);
  return style.yellow(status);
}
