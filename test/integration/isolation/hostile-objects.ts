// How the isolation scenarios plant their objects in the hostile tenant's namespace.
import { expect } from 'vitest';
import { externalSecretObject, fakeStoreObject } from '../../support/ferry-objects.ts';
import type { Admission, TenantContext } from '../../support/tenant-isolation.ts';
import { readSecret } from '../../support/waiting.ts';

/** A SecretStore "fake" of the tenant holding `data`; it must be admitted. */
export async function plantFakeStore(
  ctx: TenantContext,
  data: { key: string; value: string }[],
): Promise<void> {
  expect(await ctx.apply(fakeStoreObject(ctx.tenant, 'fake', data))).toEqual({ admitted: true });
}

/** An ExternalSecret of the tenant, reading the store "fake" unless `spec` says otherwise. */
export function plantExternalSecret(
  ctx: TenantContext,
  name: string,
  spec: Record<string, unknown>,
): Promise<Admission> {
  return ctx.apply(externalSecretObject(ctx.tenant, name, spec));
}

/** The same, for hostile objects the API server has no grounds to refuse (budget classes). */
export async function plantAdmittedExternalSecret(
  ctx: TenantContext,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  expect(await plantExternalSecret(ctx, name, spec)).toEqual({ admitted: true });
}

/** Checks softly that the API server refused the object, with a message that names each of `mentions`. */
export function expectRefused(admission: Admission, what: string, mentions: readonly string[]): void {
  expect.soft(admission.admitted, `${what} must be refused at admission`).toBe(false);
  if (admission.admitted) return;
  expect.soft(admission.code, `${what}: HTTP status of the refusal (${admission.message})`).toBe(422);
  for (const mention of mentions) {
    expect.soft(admission.message, `${what}: the refusal says what was wrong`).toContain(mention);
  }
}

/** Checks softly that no Secret `name` was written in the tenant's namespace (without printing one). */
export async function expectNoSecretWritten(ctx: TenantContext, name: string): Promise<void> {
  const written = (await readSecret(ctx.kubeConfig, ctx.tenant, name)) !== undefined;
  expect.soft(written, `a Secret "${name}" was written for the hostile ExternalSecret`).toBe(false);
}
