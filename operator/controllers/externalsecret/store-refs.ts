/** A store reference as the cache holds it (raw) or as the parsed spec has it (kind defaulted). */
export interface StoreRefLike {
  name?: string;
  kind?: string;
}

export interface StoreRefsSpec {
  secretStoreRef?: StoreRefLike | undefined;
  data?: { sourceRef?: { storeRef?: StoreRefLike | undefined } | undefined }[] | undefined;
  dataFrom?: { sourceRef?: { storeRef?: StoreRefLike | undefined } | undefined }[] | undefined;
}

/** Every store an ExternalSecret reads from: its secretStoreRef and each entry's sourceRef.storeRef. */
export function storeRefsOf(spec: StoreRefsSpec | undefined): StoreRefLike[] {
  const entries = [...(spec?.data ?? []), ...(spec?.dataFrom ?? [])];
  return [spec?.secretStoreRef, ...entries.map((entry) => entry.sourceRef?.storeRef)].filter(
    (ref): ref is StoreRefLike => ref !== undefined,
  );
}
