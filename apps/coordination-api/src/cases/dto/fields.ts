import { id, oneOf, optional } from '@tppo/case-domain';
import { DomainField, type FieldDoc } from './body';

/** An id in a path or a query: the domain's own id field. */
export const IdField = (doc: FieldDoc = {}): PropertyDecorator => DomainField(id, doc);

/** One of `values`, e.g. a filter of a list; `optional` when the filter may be left out. */
export const EnumField = (values: readonly string[], { optional: mayBeAbsent = false, ...doc }: FieldDoc & { readonly optional?: boolean } = {}): PropertyDecorator =>
  DomainField(mayBeAbsent ? optional(oneOf(values)) : oneOf(values), doc);
