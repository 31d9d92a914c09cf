/**
 * The event envelope: what every stored event carries besides its payload.
 * Times are ISO-8601 strings (never Date objects), positions are bigints (EventStoreDB's commit
 * positions do not fit a double).
 */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it: the user, the agency unit the user acts for, and that unit's agency type. */
export interface Actor {
  readonly userId: string;
  readonly unitId: string;
  readonly agencyType: string;
}

/** An event as it is appended: sealed into its stream's hash chain, but not yet given a global position. */
export interface EventRecord {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based, contiguous within the stream (EventStoreDB's stream revision). */
  readonly revision: number;
  /** Stable type name, e.g. `ReferralSent`; never renamed once written. */
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /** The command (or event) that caused this event; for commands, the command id. */
  readonly causationId: string | null;
  /** Hash of the previous event in this stream (GENESIS_HASH for revision 0). */
  readonly prevHash: string;
  /** sha256(prevHash ‖ canonical bytes of this event), hex. */
  readonly hash: string;
}

/** An event read back from the store, with its place in the global log. */
export interface StoredEvent extends EventRecord {
  readonly position: bigint;
}

/** Exact expected revision of the stream before an append. There is deliberately no "any". */
export type ExpectedRevision = number | 'no_stream';

/** The revision a stream is at: -1 when it has no events. */
export const revisionOf = (expected: ExpectedRevision): number => (expected === 'no_stream' ? -1 : expected);
export const expectedFrom = (revision: number): ExpectedRevision => (revision < 0 ? 'no_stream' : revision);
