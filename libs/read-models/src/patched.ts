/**
 * `{ ...base, ...patch }` for a read model's plain data, built another way. When an object spread is
 * followed by a property the base does not have, V8 (Node 20) builds the copy on a slow path: about
 * 1 µs per added property instead of ~0.15 µs for the whole copy here (measured). A rebuild adds
 * such properties a dozen times per case (a clock stops, a victim is assessed, a file comes back).
 * Same keys in the same order as the spread, so documents serialise to the same bytes. Keys are
 * field names, never data: Object.assign would take a `__proto__` key as the prototype.
 */
export const patched = <T extends object>(base: T, patch: Partial<T>): T => Object.assign({}, base, patch);
