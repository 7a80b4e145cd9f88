/**
 * One shared copy of strings that many keys hold alike (the stores version of ten thousand
 * ExternalSecrets on one store is one string, not ten thousand). Bounded: past `limit` distinct
 * strings the pool starts over, which costs only sharing, never correctness.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly limit: number;

  constructor(limit = 1024) {
    this.limit = limit;
  }

  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(text, text);
    return text;
  }
}
