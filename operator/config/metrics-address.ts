export interface MetricsAddress {
  /** Interface to bind; `0.0.0.0` when the address left it empty. */
  host: string;
  /** 0 asks the kernel for a free port (tests read the real one from the server). */
  port: number;
  /** The address as written, for logs and messages. */
  address: string;
}

// A bracketed IPv6 literal, a host name or IPv4 address, or nothing; then a decimal port.
const hostPort = /^(?:\[(?<ipv6>[0-9A-Fa-f:.]+)\]|(?<host>[A-Za-z0-9.-]*)):(?<port>\d{1,5})$/;

/** Parses `host:port`, `:port` or `[ipv6]:port`; undefined when it is none of these. */
export function parseMetricsAddress(address: string): MetricsAddress | undefined {
  const groups = hostPort.exec(address)?.groups;
  if (groups?.port === undefined) return undefined;
  const port = Number(groups.port);
  if (port > 65535) return undefined;
  const host = groups.ipv6 ?? groups.host ?? '';
  return { host: host === '' ? '0.0.0.0' : host, port, address };
}
