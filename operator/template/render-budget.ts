// One budget shared by every execution of a rendering (the caller decides what one rendering is: the
// controller makes it every template, rewrite and regexp of one sync), so that many small templates
// cannot add up to what one may not do. Checked while the work runs: the time at every 256th step and
// after each function call, memory and output as values are made, regexp work before each search.
// Time counts only while work runs under `timed` (an execution, a pass of rewrites): what the caller
// does in between — reading a store — is not the rendering's. What was spent is plain data, so a
// budget can be carried to another thread and made again there (`new RenderBudget(limits, spent)`).
import { formatByteSize, formatDuration } from './limits.ts';
import { GoMap, GoObject, type GoValue } from './values.ts';

export type RenderBudgetName = 'time' | 'memory' | 'output' | 'regexp';

/** Plain numbers, so a budget can be made again wherever the rendering runs (a worker thread). */
export interface RenderBudgetLimits {
  /** Wall-clock time from the budget's start. */
  durationMs: number;
  /** Bytes of the strings, lists and dicts functions return, summed (see RenderBudget.chargeValue). */
  memoryBytes: number;
  /** Bytes every execution writes, summed. */
  outputBytes: number;
  /** Compiled program size × input length, summed over every regexp search. */
  regexpWork: number;
}

/** What a rendering has spent; also what a test or a metric reads. */
export interface RenderBudgetSpent {
  /** Milliseconds of timed work that ended. */
  durationMs: number;
  memoryBytes: number;
  outputBytes: number;
  regexpWork: number;
}

/** Milliseconds since the epoch on a monotonic clock: comparable between threads, unlike performance.now(). */
export function absoluteNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A budget ran out. Its message names the budget and its limit, never a value. */
export class RenderBudgetExceeded extends Error {
  override readonly name = 'RenderBudgetExceeded';
  readonly budget: RenderBudgetName;
  /** "the memory budget of 64 MiB" */
  readonly limitText: string;

  constructor(budget: RenderBudgetName, limitText: string, what: string) {
    super(`${what} exceeds ${limitText}`);
    this.budget = budget;
    this.limitText = limitText;
  }
}

export class RenderBudget {
  readonly limits: RenderBudgetLimits;
  private readonly spentSoFar: RenderBudgetSpent;
  /** When the timed work in progress began (absoluteNow() time); undefined when none is. */
  private timedSince: number | undefined = undefined;

  constructor(limits: RenderBudgetLimits, spent?: Readonly<Partial<RenderBudgetSpent>>) {
    this.limits = limits;
    this.spentSoFar = { durationMs: 0, memoryBytes: 0, outputBytes: 0, regexpWork: 0, ...spent };
  }

  /** What was spent so far, the time of work still running included. */
  get spent(): RenderBudgetSpent {
    const running = this.timedSince === undefined ? 0 : absoluteNow() - this.timedSince;
    return { ...this.spentSoFar, durationMs: this.spentSoFar.durationMs + running };
  }

  /** When the work in progress must end, as absoluteNow() counts (without any: as if it began now). */
  get deadline(): number {
    return (this.timedSince ?? absoluteNow()) + this.limits.durationMs - this.spentSoFar.durationMs;
  }

  /**
   * Takes over what a copy of this budget spent elsewhere (a render worker, which started from this
   * budget's spent): that copy's totals include this one's, so they replace them.
   */
  absorb(spent: Readonly<RenderBudgetSpent>): void {
    Object.assign(this.spentSoFar, spent);
  }

  /** Runs `work`, its wall-clock time counted against the budget (once, when calls nest). */
  timed<T>(work: () => T): T {
    if (this.timedSince !== undefined) return work();
    const started = absoluteNow();
    this.timedSince = started;
    try {
      return work();
    } finally {
      this.timedSince = undefined;
      this.spentSoFar.durationMs += absoluteNow() - started;
    }
  }

  checkDeadline(): void {
    if (absoluteNow() > this.deadline) {
      throw new RenderBudgetExceeded(
        'time',
        `the time budget of ${formatDuration(this.limits.durationMs)}`,
        'rendering',
      );
    }
  }

  /** Fails before an allocation of `bytes` that would not fit: for functions to call before they build. */
  reserveMemory(bytes: number): void {
    if (this.spentSoFar.memoryBytes + bytes > this.limits.memoryBytes) this.memoryExceeded();
  }

  /**
   * Charges what a value holds beyond what it shares. Strings and byte slices count their length
   * (strings as one byte a character, which is what V8 keeps for Latin-1 text); lists and dicts count
   * a word and some per element and entry, not their elements' own size, which were charged when
   * they were made: a list appended to a hundred times does not charge its strings a hundred times.
   * The sum is of what was made, not of what is still held — it bounds what a rendering can hold.
   */
  chargeValue(value: GoValue): void {
    this.chargeMemory(heldBytes(value));
  }

  chargeMemory(bytes: number): void {
    this.spentSoFar.memoryBytes += bytes;
    if (this.spentSoFar.memoryBytes > this.limits.memoryBytes) this.memoryExceeded();
  }

  chargeOutput(bytes: number): void {
    this.spentSoFar.outputBytes += bytes;
    if (this.spentSoFar.outputBytes > this.limits.outputBytes) {
      throw new RenderBudgetExceeded(
        'output',
        `the output budget of ${formatByteSize(this.limits.outputBytes)}`,
        'rendering',
      );
    }
  }

  /** Charged before a regexp search runs, which then cannot take longer than the units say. */
  chargeRegexp(units: number): void {
    if (this.spentSoFar.regexpWork + units > this.limits.regexpWork) {
      throw new RenderBudgetExceeded(
        'regexp',
        `the regexp budget of ${String(this.limits.regexpWork)} units (program size × input length)`,
        'regexp matching',
      );
    }
    this.spentSoFar.regexpWork += units;
  }

  private memoryExceeded(): never {
    throw new RenderBudgetExceeded(
      'memory',
      `the memory budget of ${formatByteSize(this.limits.memoryBytes)}`,
      'rendering',
    );
  }
}

/** A budget nothing exceeds: what functions called outside an execution run under. */
export function unlimitedBudget(): RenderBudget {
  return new RenderBudget({
    durationMs: Number.POSITIVE_INFINITY,
    memoryBytes: Number.POSITIVE_INFINITY,
    outputBytes: Number.POSITIVE_INFINITY,
    regexpWork: Number.POSITIVE_INFINITY,
  });
}

/**
 * About how many bytes `value` takes written out in full — as JSON, YAML or a deep copy — for the
 * functions that do so to reserve first. A list that holds another twice counts it twice: that is
 * how `list $a $a`, nested thirty deep, turns a few small lists into gigabytes of text. Each distinct
 * list and dict is measured once, so the measure costs what the value's own construction did.
 */
export function writtenBytes(value: GoValue, measured = new Map<object, number>(), depth = 0): number {
  if (typeof value === 'string') return value.length + 2;
  if (value instanceof Uint8Array) return value.byteLength * 2;
  if (value === null || typeof value !== 'object') return 24;
  if (value instanceof GoObject) return 64;
  const known = measured.get(value);
  if (known !== undefined) return known;
  // Deeper than the encoders go (they refuse past 1000): they fail on it themselves.
  if (depth > 1000) return 0;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const element of value) bytes += 1 + writtenBytes(element, measured, depth + 1);
  } else {
    for (const [key, element] of value) bytes += key.length + 4 + writtenBytes(element, measured, depth + 1);
  }
  measured.set(value, bytes);
  return bytes;
}

/** V8's cost of one list element or dict entry besides the value itself: a pointer and bookkeeping. */
const elementBytes = 16;

function heldBytes(value: GoValue): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return elementBytes * (value.length + 1);
  if (value instanceof GoMap) {
    let bytes = elementBytes;
    for (const key of value.keys()) bytes += elementBytes + key.length;
    return bytes;
  }
  if (value instanceof GoObject) return elementBytes * 4;
  return 0;
}
