import type { Command, DomainEvent } from '@tppo/eventsourcing';
import type { DataOf, Spec } from './fields';

/** Field specs by message type: how a case's commands, and its events, are declared. */
export type SpecTable = Readonly<Record<string, Spec>>;

type TypeIn<S extends SpecTable> = keyof S & string;

/** One command per type of the table, as a union that `switch (command.type)` narrows. */
export type CommandsOf<S extends SpecTable> = { [T in TypeIn<S>]: Command<T, DataOf<S[T]>> }[TypeIn<S>];

/** One event per type of the table, as a union that `switch (event.type)` narrows. */
export type EventsOf<S extends SpecTable> = { [T in TypeIn<S>]: DomainEvent<T, DataOf<S[T]>> }[TypeIn<S>];

/** The table's types, in the order it declares them. */
export const typesOf = <S extends SpecTable>(specs: S): TypeIn<S>[] => Object.keys(specs) as TypeIn<S>[];
