import { describe, expect, it } from 'vitest';
import { TemplateProblem } from './template-failure.ts';
import {
  TemplateSourceReader,
  TemplateSourceUsers,
  readTemplateSources,
  templateSourceRefsOf,
  type TemplateSourceKind,
} from './template-sources.ts';

describe('templateSourceRefsOf', () => {
  it('lists the ConfigMaps and Secrets templateFrom reads, not literals', () => {
    expect(
      templateSourceRefsOf({
        target: {
          template: {
            templateFrom: [
              { configMap: { name: 'cm' }, secret: { name: 's' } },
              {},
              { configMap: { name: 'x' } },
            ],
          },
        },
      }),
    ).toEqual([
      { kind: 'ConfigMap', name: 'cm' },
      { kind: 'Secret', name: 's' },
      { kind: 'ConfigMap', name: 'x' },
    ]);
    expect(templateSourceRefsOf(undefined)).toEqual([]);
  });
});

describe('TemplateSourceUsers', () => {
  it('maps a source to the ExternalSecrets of its namespace that read it, and forgets on update or removal', () => {
    const users = new TemplateSourceUsers();
    users.update('a/es1', 'a', [{ kind: 'ConfigMap', name: 'tpl' }]);
    users.update('a/es2', 'a', [
      { kind: 'ConfigMap', name: 'tpl' },
      { kind: 'Secret', name: 'tpl' },
    ]);
    users.update('b/es3', 'b', [{ kind: 'ConfigMap', name: 'tpl' }]);
    expect(users.users('ConfigMap', 'a', 'tpl').sort()).toEqual(['a/es1', 'a/es2']);
    expect(users.users('Secret', 'a', 'tpl')).toEqual(['a/es2']);
    expect(users.usersOfKind('ConfigMap').sort()).toEqual(['a/es1', 'a/es2', 'b/es3']);
    users.update('a/es2', 'a', []);
    users.remove('a/es1');
    expect(users.users('ConfigMap', 'a', 'tpl')).toEqual([]);
    expect(users.usersOfKind('Secret')).toEqual([]);
    expect(users.usersOfKind('ConfigMap')).toEqual(['b/es3']);
  });
});

/** A cluster of template sources, counting reads, with a change stream whose continuity the test sets. */
function world() {
  const objects = new Map<string, Record<string, string>>();
  const state = { reads: 0, continuity: 1 as number | undefined };
  const reader = new TemplateSourceReader({
    read: async (kind: TemplateSourceKind, namespace: string, name: string) => {
      state.reads++;
      await Promise.resolve();
      const found = objects.get(`${kind}/${namespace}/${name}`);
      if (!found) throw Object.assign(new Error('not found'), { notFound: true });
      return { ...found };
    },
    isNotFound: (error) => (error as { notFound?: boolean }).notFound === true,
    continuity: () => state.continuity,
  });
  return { objects, state, reader };
}

describe('TemplateSourceReader', () => {
  it('reads a source once for all who ask at the same time, and keeps it while the stream vouches for it', async () => {
    const { objects, state, reader } = world();
    objects.set('ConfigMap/ns/tpl', { t: 'v1' });
    const all = await Promise.all(Array.from({ length: 50 }, () => reader.read('ConfigMap', 'ns', 'tpl')));
    expect(all.every((content) => content?.['t'] === 'v1')).toBe(true);
    expect(state.reads).toBe(1);
    await reader.read('ConfigMap', 'ns', 'tpl');
    expect(state.reads).toBe(1);
  });

  it('reads again after a change is heard', async () => {
    const { objects, state, reader } = world();
    objects.set('ConfigMap/ns/tpl', { t: 'v1' });
    await reader.read('ConfigMap', 'ns', 'tpl');
    objects.set('ConfigMap/ns/tpl', { t: 'v2' });
    reader.changed('ConfigMap', 'ns', 'tpl');
    expect((await reader.read('ConfigMap', 'ns', 'tpl'))?.['t']).toBe('v2');
    expect(state.reads).toBe(2);
  });

  it('keeps nothing read while a change was heard: the answer may predate the change', async () => {
    const { objects, state, reader } = world();
    objects.set('ConfigMap/ns/tpl', { t: 'v1' });
    const reading = reader.read('ConfigMap', 'ns', 'tpl');
    reader.changed('ConfigMap', 'ns', 'tpl');
    await reading;
    await reader.read('ConfigMap', 'ns', 'tpl');
    expect(state.reads).toBe(2);
  });

  it('trusts nothing while the stream is not connected, or after it may have missed changes', async () => {
    const { objects, state, reader } = world();
    objects.set('Secret/ns/tpl', { t: 'v1' });
    state.continuity = undefined;
    await reader.read('Secret', 'ns', 'tpl');
    await reader.read('Secret', 'ns', 'tpl');
    expect(state.reads).toBe(2);
    state.continuity = 1;
    await reader.read('Secret', 'ns', 'tpl');
    await reader.read('Secret', 'ns', 'tpl');
    expect(state.reads).toBe(3);
    state.continuity = 2; // the stream started afresh
    await reader.read('Secret', 'ns', 'tpl');
    expect(state.reads).toBe(4);
    reader.resynced('Secret');
    await reader.read('Secret', 'ns', 'tpl');
    expect(state.reads).toBe(5);
  });

  it('answers undefined for a source that does not exist, until it is created', async () => {
    const { objects, reader } = world();
    expect(await reader.read('ConfigMap', 'ns', 'later')).toBeUndefined();
    objects.set('ConfigMap/ns/later', { t: 'v' });
    reader.changed('ConfigMap', 'ns', 'later');
    expect(await reader.read('ConfigMap', 'ns', 'later')).toEqual({ t: 'v' });
  });
});

describe('readTemplateSources', () => {
  it('reads each entry’s configMap and secret, in order, and names a missing one', async () => {
    const { objects, reader } = world();
    objects.set('ConfigMap/ns/cm', { a: 'A' });
    objects.set('Secret/ns/s', { b: 'B' });
    const sources = await readTemplateSources(
      [{ configMap: { name: 'cm' } }, {}, { secret: { name: 's' } }],
      'ns',
      reader,
    );
    expect(sources).toEqual([
      { configMap: { a: 'A' }, secret: undefined },
      { configMap: undefined, secret: undefined },
      { configMap: undefined, secret: { b: 'B' } },
    ]);
    const missing = readTemplateSources([{}, { secret: { name: 'gone' } }], 'ns', reader);
    await expect(missing).rejects.toThrow(TemplateProblem);
    await expect(missing).rejects.toThrow(
      'spec.target.template.templateFrom[1].secret: Secret "gone" does not exist in namespace "ns"',
    );
  });
});
