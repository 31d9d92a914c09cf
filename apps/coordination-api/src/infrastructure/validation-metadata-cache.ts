import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Lookup = (target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => ValidationMetadata[];
type Grouping = (metadatas: ValidationMetadata[]) => Record<string, ValidationMetadata[]>;

const MEMOIZED = Symbol.for('tppo.validation-metadata-cache');

let epoch = 0;
/** Counts the rules registered after memoizing began: what is derived from the rules is stale when it changes. */
export const validationMetadataEpoch = (): number => epoch;

/**
 * class-validator resolves a class's rules on every `validate()` by scanning every decorated class
 * of the program for ancestors (typestack/class-validator#2686), then groups them by property; on
 * the command path that was about 3% of the API's CPU. Both answers are memoized here, per class
 * and per set of options. A class's rules are complete once its module has loaded, before anything
 * can validate it; registering new rules (a class loaded later) clears the caches all the same.
 * Idempotent: a second call changes nothing.
 */
export const memoizeValidationMetadata = (): void => {
  const storage = getMetadataStorage() as unknown as Record<string | symbol, unknown> & {
    getTargetValidationMetadatas: Lookup;
    groupByPropertyName: Grouping;
    addValidationMetadata: (metadata: unknown) => void;
    addConstraintMetadata: (metadata: unknown) => void;
  };
  if (storage[MEMOIZED]) return;
  storage[MEMOIZED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let resolved = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  for (const method of ['addValidationMetadata', 'addConstraintMetadata'] as const) {
    const register = storage[method].bind(storage);
    storage[method] = (metadata: unknown) => {
      resolved = new WeakMap();
      grouped = new WeakMap();
      epoch += 1;
      register(metadata);
    };
  }
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    // Not a class (a schema name, or an object without a constructor): as the library answers it.
    if (typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : groups.join('\u0001')}`;
    let byOptions = resolved.get(target);
    if (byOptions === undefined) resolved.set(target, (byOptions = new Map()));
    let metadatas = byOptions.get(key);
    if (metadatas === undefined) byOptions.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (byProperty === undefined) grouped.set(metadatas, (byProperty = group(metadatas)));
    return byProperty;
  };
};
