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
}

export interface ParseLimits {
  /** Nesting of parentheses, if/range/with (an else-if chain counts each link) and define/block. */
  maxNestingDepth: number;
}

export const defaultExecutionLimits: ExecutionLimits = {
  maxSteps: 1_000_000,
  maxTemplateDepth: 100,
  maxOutputBytes: 1024 * 1024,
};

export const defaultParseLimits: ParseLimits = { maxNestingDepth: 200 };

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
