import { Writable } from 'node:stream';
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { describeKubeError, kubeErrorLogFields } from './index.ts';

// A 422 as the API server answers an invalid kubernetes.io/dockerconfigjson Secret, wrapped the way
// client-node's generated clients wrap every non-2xx answer (message = code, body and headers).
const refused = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message:
    'Secret "pull" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'p\' looking for beginning of value',
  reason: 'Invalid',
  details: {
    name: 'pull',
    kind: 'Secret',
    causes: [
      { reason: 'FieldValueInvalid', message: "invalid character 'p'", field: 'data[.dockerconfigjson]' },
    ],
  },
  code: 422,
};
const headers = { 'audit-id': '0b1c2d3e-aaaa-bbbb-cccc-planted-audit', 'content-type': 'application/json' };
const apiError = (): ApiException<string> =>
  new ApiException(422, 'Unknown API Status Code!', JSON.stringify(refused), headers);

describe('Kubernetes API errors', () => {
  it('client-node puts the raw body and the response headers into the message', () => {
    // Why none of the functions below ever looks at it.
    expect(apiError().message).toContain('planted-audit');
    expect(apiError().message).toContain("invalid character 'p'");
  });

  it('log fields carry the status code, reason, kind, name and fields — no message, body or header', () => {
    const fields = kubeErrorLogFields(apiError());
    expect(fields).toEqual({
      code: 422,
      reason: 'Invalid',
      kind: 'Secret',
      name: 'pull',
      fields: ['data[.dockerconfigjson]'],
    });
  });

  it('a refused object is described by its fields, never by the message that quotes its values', () => {
    expect(describeKubeError(apiError())).toEqual({
      code: 422,
      reason: 'Invalid',
      message:
        'the API server refused Secret "pull" (Invalid, HTTP 422): invalid data[.dockerconfigjson]; its message is not shown, as it may quote the values it refused',
    });
  });

  it('other answers keep the Status message, which names the object and the verb', () => {
    const forbidden = new ApiException(
      403,
      'Unknown API Status Code!',
      JSON.stringify({
        kind: 'Status',
        reason: 'Forbidden',
        message: 'secrets "db" is forbidden',
        code: 403,
      }),
      headers,
    );
    expect(describeKubeError(forbidden)).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: 'secrets "db" is forbidden',
    });
  });

  it('a logged ApiException, as a field or as a cause, is its status code only', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = createLogger({ level: 'debug', format: 'json', stream });
    log.error('handler threw', { err: apiError() });
    log.warn('credential unreadable', { error: new Error('cannot read Secret', { cause: apiError() }) });
    await new Promise((resolve) => setImmediate(resolve));
    const output = lines.join('');
    expect(output).toContain('HTTP 422 (its response body and headers are not logged)');
    expect(output).not.toContain('planted-audit');
    expect(output).not.toContain('invalid character');
    expect(output).not.toContain('audit-id');
  });
});
