// What kubectl resolves a short name or a category to is read from the API server's discovery. On
// a cluster migrating from External Secrets Operator, ESO's CRDs are installed beside Ferry's.
import { join } from 'node:path';
import { ApisApi, CustomObjectsApi } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { installCrds } from '../controlplane/index.ts';
import { adminKubeConfig } from '../support/cluster.ts';

const esoCrds = join(import.meta.dirname, '..', 'fixtures', 'eso-crds');

interface DiscoveredResource {
  /** `plural.group`, as `kubectl get` names a resource unambiguously. */
  resource: string;
  shortNames: string[];
  categories: string[];
}

describe('short names and the ferry category beside ESO’s CRDs (discovery of a real API server)', () => {
  const admin = adminKubeConfig();
  let resources: DiscoveredResource[];

  beforeAll(async () => {
    await installCrds(admin, esoCrds);
    const groups = await admin.makeApiClient(ApisApi).getAPIVersions();
    const custom = admin.makeApiClient(CustomObjectsApi);
    const lists = await Promise.all(
      groups.groups.map(async (group) => {
        const version = group.preferredVersion?.version ?? group.versions[0]?.version ?? '';
        const list = await custom.getAPIResources({ group: group.name, version });
        return list.resources
          .filter((resource) => !resource.name.includes('/'))
          .map((resource) => ({
            resource: `${resource.name}.${group.name}`,
            shortNames: resource.shortNames ?? [],
            categories: resource.categories ?? [],
          }));
      }),
    );
    resources = lists.flat();
  });

  const withShortName = (name: string): string[] =>
    resources
      .filter((found) => found.shortNames.includes(name))
      .map((found) => found.resource)
      .sort();
  const inCategory = (name: string): string[] =>
    resources
      .filter((found) => found.categories.includes(name))
      .map((found) => found.resource)
      .sort();

  it('fes, fss and fcss name Ferry’s kinds alone, where es, ss and css are ESO’s too', () => {
    expect(withShortName('fes')).toEqual(['externalsecrets.ferry.dev']);
    expect(withShortName('fss')).toEqual(['secretstores.ferry.dev']);
    expect(withShortName('fcss')).toEqual(['clustersecretstores.ferry.dev']);
    // The collision the unique names are for: kubectl picks one group for `es`, and not reliably ours.
    expect(withShortName('es')).toEqual(['externalsecrets.external-secrets.io', 'externalsecrets.ferry.dev']);
    expect(withShortName('ss')).toEqual(['secretstores.external-secrets.io', 'secretstores.ferry.dev']);
    expect(withShortName('css')).toEqual([
      'clustersecretstores.external-secrets.io',
      'clustersecretstores.ferry.dev',
    ]);
  });

  it('the ferry category (kubectl get ferry) holds Ferry’s kinds and none of ESO’s', () => {
    expect(inCategory('ferry')).toEqual([
      'clustersecretstores.ferry.dev',
      'externalsecrets.ferry.dev',
      'secretstores.ferry.dev',
    ]);
    expect(inCategory('external-secrets')).toEqual([
      'clustersecretstores.external-secrets.io',
      'externalsecrets.external-secrets.io',
      'secretstores.external-secrets.io',
    ]);
  });
});
