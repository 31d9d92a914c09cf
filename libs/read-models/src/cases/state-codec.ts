import type { JsonValue } from '@tppo/eventsourcing';

/**
 * The case state as JSON and back: Maps and Sets become tagged arrays. The case-file projection
 * stores the domain's own state, so participation and everything else come from the domain's
 * `evolve`, never from a second implementation that could drift from it.
 */
export const encodeState = (value: unknown): JsonValue => {
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [encodeState(k), encodeState(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encodeState) };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encodeState(v)]));
  }
  return value as JsonValue;
};

export const decodeState = (value: JsonValue): unknown => {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value['$map'])) return new Map((value['$map'] as [JsonValue, JsonValue][]).map(([k, v]) => [decodeState(k), decodeState(v)]));
    if (Array.isArray(value['$set'])) return new Set((value['$set'] as JsonValue[]).map(decodeState));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeState(v)]));
  }
  return value;
};
