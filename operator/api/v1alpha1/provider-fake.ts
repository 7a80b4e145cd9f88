import { z } from 'zod';

/** ESO's `fake` provider: the values live in the store spec. For demos and tests. */
export const FakeProvider = z.object({
  data: z
    .array(
      z.object({
        key: z.string().min(1).max(2048),
        value: z
          .string()
          .max(1024 * 1024)
          .optional(),
        version: z.string().max(256).optional(),
        valueMap: z
          .record(z.string(), z.string())
          .optional()
          .describe('Deprecated in ESO; a JSON object value.'),
      }),
    )
    .max(10_000),
});
export type FakeProvider = z.infer<typeof FakeProvider>;
