import { conditionReady, type ExternalSecretStatus } from '../../api/v1alpha1/index.ts';

interface StoreRefView {
  name?: string;
  kind?: string;
}

interface EntryView {
  extract?: unknown;
  find?: unknown;
  sourceRef?: { storeRef?: StoreRefView };
}

/**
 * An ExternalSecret as the API server returns it, typed loosely: the CLI shows what is there and
 * must not refuse an object that an older or newer operator wrote differently.
 */
export interface ExternalSecretView {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    secretStoreRef?: StoreRefView;
    refreshPolicy?: string;
    refreshInterval?: string;
    target?: {
      name?: string;
      creationPolicy?: string;
      deletionPolicy?: string;
      immutable?: boolean;
      template?: { type?: string };
    };
    data?: EntryView[];
    dataFrom?: EntryView[];
  };
  status?: Partial<ExternalSecretStatus>;
}

/** The Ready condition, if the operator has written one. */
export function readyConditionOf(
  es: ExternalSecretView,
): NonNullable<ExternalSecretStatus['conditions']>[number] | undefined {
  return es.status?.conditions?.find((condition) => condition.type === conditionReady);
}
