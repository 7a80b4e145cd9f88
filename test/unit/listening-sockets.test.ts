import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listeningSockets, parseProcNetTable, procNetAddress } from '../support/listening-sockets.ts';

describe('procNetAddress', () => {
  it.each([
    ['0100007F', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['0101A8C0', '192.168.1.1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000001000000', '::1'],
    ['0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
    ['000080FE00000000FF00FF020300FEFF', 'fe80::2ff:ff:fffe:3'],
  ])('%s is %s', (hex, address) => {
    expect(procNetAddress(hex)).toBe(address);
  });
});

describe('parseProcNetTable', () => {
  const tcp = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:20FB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0',
    '   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2222 1 0',
    '   2: 0100007F:20FB 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0',
    '   3: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0',
  ].join('\n');

  it('keeps the listening sockets of the given inodes, not connections nor other processes', () => {
    expect(parseProcNetTable('tcp', tcp, new Set(['1111', '2222', '3333']))).toEqual([
      { protocol: 'tcp', address: '127.0.0.1', port: 8443 },
      { protocol: 'tcp', address: '0.0.0.0', port: 8080 },
    ]);
  });

  it('keeps every bound UDP socket of the inodes', () => {
    const udp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  7: 00000000:14E9 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5555 2 0 0',
    ].join('\n');
    expect(parseProcNetTable('udp', udp, new Set(['5555']))).toEqual([
      { protocol: 'udp', address: '0.0.0.0', port: 5353 },
    ]);
  });
});

describe('listeningSockets of a real process', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    servers.length = 0;
  });
  const listen = (host: string) =>
    new Promise<number>((resolve) => {
      const server = createServer();
      servers.push(server);
      server.listen({ host, port: 0 }, () => {
        resolve((server.address() as { port: number }).port);
      });
    });

  it('finds this process’s own listeners with their addresses', async () => {
    const loopback = await listen('127.0.0.1');
    const everywhere = await listen('0.0.0.0');
    const mine = listeningSockets(process.pid);
    expect(mine).toContainEqual({ protocol: 'tcp', address: '127.0.0.1', port: loopback });
    expect(mine).toContainEqual({ protocol: 'tcp', address: '0.0.0.0', port: everywhere });
  });
});
