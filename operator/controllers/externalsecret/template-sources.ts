// The ConfigMaps and Secrets that templateFrom names. They are read when a sync needs them (no
// informer holds the cluster's ConfigMaps); a change stream says when one changed, so that the
// ExternalSecrets using it sync again, and vouches for the few contents kept in memory meanwhile.
import { BoundedCache } from './bounded-cache.ts';
import type { TemplateSourceData } from './secret-template.ts';
import { TemplateProblem } from './template-failure.ts';
import { UsersIndex } from './users-index.ts';

export type TemplateSourceKind = 'ConfigMap' | 'Secret';

export interface TemplateSourceRef {
  kind: TemplateSourceKind;
  name: string;
}

/** templateFrom as the cache holds it (raw) or as the parsed spec has it. */
interface TemplateFromLike {
  configMap?: { name?: string } | undefined;
  secret?: { name?: string } | undefined;
}

/** The ConfigMaps and Secrets (in the ExternalSecret's namespace) that its templateFrom reads. */
export function templateSourceRefsOf(
  spec: { target?: { template?: { templateFrom?: TemplateFromLike[] | undefined } } } | undefined,
): TemplateSourceRef[] {
  const refs: TemplateSourceRef[] = [];
  for (const entry of spec?.target?.template?.templateFrom ?? []) {
    if (entry.configMap?.name) refs.push({ kind: 'ConfigMap', name: entry.configMap.name });
    if (entry.secret?.name) refs.push({ kind: 'Secret', name: entry.secret.name });
  }
  return refs;
}

const sourceId = (kind: TemplateSourceKind, namespace: string, name: string): string =>
  `${kind}/${namespace}/${name}`;

/** Which ExternalSecrets (by key) read which template sources; only those that use templateFrom are held. */
export class TemplateSourceUsers {
  private readonly index = new UsersIndex();

  /** Records what the ExternalSecret `key` (in `namespace`) reads now, forgetting what it read before. */
  update(key: string, namespace: string, refs: readonly TemplateSourceRef[]): void {
    this.index.update(
      key,
      refs.map((ref) => sourceId(ref.kind, namespace, ref.name)),
    );
  }

  remove(key: string): void {
    this.index.remove(key);
  }

  users(kind: TemplateSourceKind, namespace: string, name: string): string[] {
    return this.index.users(sourceId(kind, namespace, name));
  }

  /** Every ExternalSecret that reads a source of this kind. */
  usersOfKind(kind: TemplateSourceKind): string[] {
    return this.index.usersWhere((id) => id.startsWith(`${kind}/`));
  }
}

/** A ConfigMap's data (text) or a Secret's data (bytes). */
export type TemplateSourceContent = Readonly<Record<string, string>> | Readonly<Record<string, Uint8Array>>;

export interface TemplateSourceReads {
  /** The data of the object; rejects with a 404 ApiException when it does not exist. */
  read(kind: TemplateSourceKind, namespace: string, name: string): Promise<TemplateSourceContent>;
  isNotFound(error: unknown): boolean;
  /** The change stream's continuity for this kind (see ChangeStream.continuity). */
  continuity(kind: TemplateSourceKind): number | undefined;
}

interface Cached {
  content: TemplateSourceContent | undefined;
  continuity: number;
}

/** A read under way, which everyone who wants the same source meanwhile awaits. */
interface Flight {
  read: Promise<Cached>;
  /** A change to the source was heard while it was read. */
  changed: boolean;
}

/** Bytes of template sources kept; ConfigMaps of templates are small, and shared by many. */
const defaultBounds = { maxEntries: 1024, maxSize: 4 * 1024 * 1024 };

/**
 * Reads template sources, once for all the ExternalSecrets that want one at the same time, and
 * keeps what it read while the change stream vouches that it has not changed: from the read until
 * a change to it is heard, as long as the stream has missed nothing in between.
 */
export class TemplateSourceReader {
  private readonly reads: TemplateSourceReads;
  private readonly cache: BoundedCache<Cached>;
  private readonly inFlight = new Map<string, Flight>();

  constructor(reads: TemplateSourceReads, bounds = defaultBounds) {
    this.reads = reads;
    this.cache = new BoundedCache(bounds);
  }

  /** The source's data, or undefined when it does not exist. */
  async read(
    kind: TemplateSourceKind,
    namespace: string,
    name: string,
  ): Promise<TemplateSourceContent | undefined> {
    const id = sourceId(kind, namespace, name);
    const continuity = this.reads.continuity(kind);
    const cached = this.cache.get(id);
    if (cached && continuity !== undefined && cached.continuity === continuity) return cached.content;
    let flight = this.inFlight.get(id);
    if (!flight) {
      flight = { changed: false } as Flight;
      flight.read = this.readAndKeep(id, flight, kind, namespace, name, continuity);
      this.inFlight.set(id, flight);
    }
    return (await flight.read).content;
  }

  /** The change stream heard a change to this source. */
  changed(kind: TemplateSourceKind, namespace: string, name: string): void {
    const id = sourceId(kind, namespace, name);
    this.cache.delete(id);
    this.abandon(id);
  }

  /** The change stream may have missed changes to sources of this kind. */
  resynced(kind: TemplateSourceKind): void {
    this.cache.deletePrefix(`${kind}/`);
    for (const id of [...this.inFlight.keys()]) if (id.startsWith(`${kind}/`)) this.abandon(id);
  }

  /** A read under way may answer with what was there before the change: keep nothing of it, and
   * let whoever asks next read again. */
  private abandon(id: string): void {
    const flight = this.inFlight.get(id);
    if (!flight) return;
    flight.changed = true;
    this.inFlight.delete(id);
  }

  private async readAndKeep(
    id: string,
    flight: Flight,
    kind: TemplateSourceKind,
    namespace: string,
    name: string,
    continuity: number | undefined,
  ): Promise<Cached> {
    try {
      const result = await this.fetch(kind, namespace, name, continuity);
      if (!flight.changed && result.continuity >= 0) this.cache.set(id, result, sizeOf(result.content));
      return result;
    } finally {
      if (this.inFlight.get(id) === flight) this.inFlight.delete(id);
    }
  }

  private async fetch(
    kind: TemplateSourceKind,
    namespace: string,
    name: string,
    continuity: number | undefined,
  ): Promise<Cached> {
    // -1: read while the stream could not vouch for it; used once, not kept.
    const at = continuity ?? -1;
    try {
      return { content: await this.reads.read(kind, namespace, name), continuity: at };
    } catch (error) {
      if (this.reads.isNotFound(error)) return { content: undefined, continuity: at };
      throw error;
    }
  }
}

function sizeOf(content: TemplateSourceContent | undefined): number {
  let size = 64;
  for (const [key, value] of Object.entries<string | Uint8Array>(content ?? {}))
    size += key.length + value.length;
  return size;
}

/**
 * The data of every templateFrom entry's configMap and secret, in the entries' order. A source that
 * does not exist is a TemplateProblem: retried, and synced at once when it appears.
 */
export async function readTemplateSources(
  templateFrom: readonly TemplateFromLike[],
  namespace: string,
  reader: Pick<TemplateSourceReader, 'read'>,
): Promise<TemplateSourceData[]> {
  const read = async (
    index: number,
    kind: TemplateSourceKind,
    name: string,
  ): Promise<TemplateSourceContent> => {
    const content = await reader.read(kind, namespace, name);
    if (content === undefined) {
      const field = kind === 'ConfigMap' ? 'configMap' : 'secret';
      throw new TemplateProblem(
        `spec.target.template.templateFrom[${String(index)}].${field}: ${kind} ${JSON.stringify(name)} does not exist in namespace ${JSON.stringify(namespace)}`,
      );
    }
    return content;
  };
  return Promise.all(
    templateFrom.map(async (entry, index) => ({
      configMap: entry.configMap?.name
        ? ((await read(index, 'ConfigMap', entry.configMap.name)) as Record<string, string>)
        : undefined,
      secret: entry.secret?.name
        ? ((await read(index, 'Secret', entry.secret.name)) as Record<string, Uint8Array>)
        : undefined,
    })),
  );
}
