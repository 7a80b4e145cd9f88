import type { FlagSpec } from '../args/parse-flags.ts';

/** The flags every command that talks to a cluster takes, spelled as kubectl spells them. */
export const clusterFlags: readonly FlagSpec[] = [
  {
    name: 'namespace',
    short: 'n',
    value: 'NAMESPACE',
    description: `The namespace (default: the kubeconfig context's, else "default").`,
  },
  {
    name: 'kubeconfig',
    value: 'FILE',
    description: 'The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).',
  },
  {
    name: 'context',
    value: 'NAME',
    description: 'The kubeconfig context to use (default: its current context).',
  },
];

export const helpFlag: FlagSpec = { name: 'help', short: 'h', description: 'Show this help.' };
