// Issue #14, regular expressions and patterns a tenant writes: in a template function, a property
// path and dataFrom's rewrite and find. Each runs beside 50 ordinary ExternalSecrets of another
// namespace, against one real operator process (test/support/tenant-isolation.ts checks the rest).
import { describe, it } from 'vitest';
import { externalSecretReasons } from '../../../operator/api/v1alpha1/index.ts';
import { expectFailsAlone, useIsolationHarness } from '../../support/tenant-isolation.ts';
import { expectNoSecretWritten, plantAdmittedExternalSecret, plantFakeStore } from './hostile-objects.ts';

const { budgetExceeded, remoteValueNotFound } = externalSecretReasons;
const regexpFlag = '--budget-regexp-work';
// Linear on RE2, but a program of ~12000 instructions run over every byte of the input.
const costlyPattern = '(a|aa|aaa|aaaa){1000}$';

describe('tenant isolation: regular expressions (issue #14)', () => {
  const harness = useIsolationHarness('isolation-regexps');

  it('d: regexMatch of a costly pattern over 1 MB fails alone with BudgetExceeded (regexp)', async () => {
    await harness().run({
      async plant(ctx) {
        const marker = ctx.plant('big');
        await plantFakeStore(ctx, [{ key: 'big', value: marker + 'a'.repeat(1_000_000 - marker.length) }]);
        const big = { data: [{ secretKey: 'big', remoteRef: { key: 'big' } }] };
        // As the issue wrote it, $s built with repeat; and the same over a 1 MB value of the store.
        await plantAdmittedExternalSecret(ctx, 'regex-repeat', {
          ...big,
          target: {
            template: {
              data: { match: `{{ $s := repeat 1000000 "a" }}{{ regexMatch "${costlyPattern}" $s }}` },
            },
          },
        });
        await plantAdmittedExternalSecret(ctx, 'regex-value', {
          ...big,
          target: { template: { data: { match: `{{ $s := .big }}{{ regexMatch "${costlyPattern}" $s }}` } } },
        });
      },
      async verify(ctx) {
        for (const name of ['regex-repeat', 'regex-value']) {
          await expectFailsAlone(ctx, name, [budgetExceeded], regexpFlag);
          await expectNoSecretWritten(ctx, name);
        }
      },
    });
  });

  it('e: a property glob against a 300-character JSON key fails alone, quickly', async () => {
    await harness().run({
      async plant(ctx) {
        const document = JSON.stringify({ ['a'.repeat(300)]: ctx.plant('wide-key') });
        await plantFakeStore(ctx, [{ key: 'wide-json', value: document }]);
        await plantAdmittedExternalSecret(ctx, 'glob-property', {
          data: [{ secretKey: 'v', remoteRef: { key: 'wide-json', property: '*a*a*a*a*a*a*a*a*c' } }],
        });
      },
      async verify(ctx) {
        // On a linear engine the glob is cheap and simply matches no key (RemoteValueNotFound, as any
        // missing property); a regexp budget may stop it first. Either way: it alone fails.
        await expectFailsAlone(ctx, 'glob-property', [remoteValueNotFound, budgetExceeded]);
        await expectNoSecretWritten(ctx, 'glob-property');
      },
    });
  });

  it('f: a costly rewrite or find regexp over 10 keys of 2 KB fails alone with BudgetExceeded (regexp)', async () => {
    await harness().run({
      async plant(ctx) {
        const value = ctx.plant('long-keys');
        await plantFakeStore(
          ctx,
          Array.from({ length: 10 }, (_, index) => ({ key: `${index}${'a'.repeat(2047)}`, value })),
        );
        await plantAdmittedExternalSecret(ctx, 'rewrite-regexp', {
          dataFrom: [
            {
              find: { name: { regexp: '^[0-9]' } },
              rewrite: [{ regexp: { source: costlyPattern, target: 'k' } }],
            },
          ],
        });
        // Another of the same class: the costly pattern as the find's own name filter.
        await plantAdmittedExternalSecret(ctx, 'find-regexp', {
          dataFrom: [
            {
              find: { name: { regexp: costlyPattern } },
              rewrite: [{ regexp: { source: '^([0-9])a*$', target: 'k$1' } }],
            },
          ],
        });
      },
      async verify(ctx) {
        for (const name of ['rewrite-regexp', 'find-regexp']) {
          await expectFailsAlone(ctx, name, [budgetExceeded], regexpFlag);
          await expectNoSecretWritten(ctx, name);
        }
      },
    });
  });
});
