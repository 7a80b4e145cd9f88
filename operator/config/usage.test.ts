import { describe, expect, it } from 'vitest';

import { operatorUsage } from './index.ts';
import { settingNames, settings } from './settings.ts';

describe('operatorUsage', () => {
  it('lists every flag with its environment variable, default and expected form', () => {
    const usage = operatorUsage();
    for (const name of settingNames) {
      const { flag, env, expected } = settings[name];
      const fallback = settings[name].default;
      expect(usage).toContain(`--${flag}`);
      if (env !== undefined) expect(usage).toContain(`env ${env}`);
      if (fallback !== undefined) expect(usage).toContain(`default ${JSON.stringify(fallback)}`);
      expect(usage).toContain(expected);
    }
    expect(usage).toContain('-h, --help');
  });

  it('aligns the variables after the flags', () => {
    const columns = operatorUsage()
      .split('\n')
      .filter((line) => line.startsWith('  --'))
      .map((line) => line.search(/ {2}(env|no environment)/));
    expect(new Set(columns).size).toBe(1);
  });
});
