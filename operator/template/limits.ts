// Bounds on what one template may cost, because anyone who can write an ExternalSecret writes
// templates and the controller renders them. Go's text/template has none of its own beyond a
// template call depth of 100000 and an expression depth of 10000; ESO relies on Kubernetes' object
// size limit, which bounds the template text but not what it produces.

export interface ExecutionLimits {
  /** Nodes walked and commands evaluated; a range over ten thousand items counts each iteration. */
  maxSteps: number;
  /** Nested {{template}} / {{block}} calls. */
  maxTemplateDepth: number;
  /** Bytes of output, and the size of any one value a function returns. */
  maxOutputBytes: number;
  /** Wall-clock time of one rendering. Steps bound a template's own work, but not that of its
   * functions: a loop over Sprig's genPrivateKey (a 4096-bit RSA key each) or bcrypt would hold the
   * controller for minutes within a few thousand steps. */
  maxDurationMs: number;
}

export interface ParseLimits {
  /** Nesting of parentheses, if/range/with (an else-if chain counts each link) and define/block. */
  maxNestingDepth: number;
}

export const defaultExecutionLimits: ExecutionLimits = {
  maxSteps: 1_000_000,
  maxTemplateDepth: 100,
  maxOutputBytes: 1024 * 1024,
  maxDurationMs: 10_000,
};

export const defaultParseLimits: ParseLimits = { maxNestingDepth: 200 };

/** "10 s" or "250 ms", for limit errors. */
export function formatDuration(milliseconds: number): string {
  return milliseconds >= 1000 && milliseconds % 1000 === 0
    ? `${milliseconds / 1000} s`
    : `${milliseconds} ms`;
}

/** "1 MiB", "64 KiB" or "1000 bytes", for limit errors. */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The UTF-8 length of a Go string held as go-string.ts describes (an escaped byte counts one). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        index++;
      } else length += 3;
    } else if (code >= 0xdc80 && code <= 0xdcff) length += 1;
    else length += 3;
  }
  return length;
}
