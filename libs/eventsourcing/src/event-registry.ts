import { MalformedMessageError } from './errors';
import type { JsonObject, StoredEvent } from './envelope';

/** Turns data written at schema version `from` into version `from + 1`. */
export type Upcaster = (data: JsonObject) => JsonObject;

export interface EventSchema {
  readonly type: string;
  readonly version: number;
  /** Keyed by the version they upgrade from: `{ 1: v1ToV2, 2: v2ToV3 }`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
  /** Returns the problems with a payload of the current version; empty when it is well formed. */
  readonly validate?: (data: JsonObject) => readonly string[];
}

/**
 * Knows every event type a stream may hold, its current schema version and how to read older
 * versions as the current one (the upcasting hook). Reading an unknown type or a version from the
 * future is a typed error, never a silent skip.
 */
export class EventRegistry {
  private readonly schemas: ReadonlyMap<string, EventSchema>;

  constructor(schemas: Iterable<EventSchema>) {
    const map = new Map<string, EventSchema>();
    for (const schema of schemas) {
      if (map.has(schema.type)) throw new Error(`Event type ${schema.type} registered twice`);
      for (let v = 1; v < schema.version; v += 1) {
        if (!schema.upcasters?.[v]) throw new Error(`Event type ${schema.type} v${schema.version} lacks an upcaster from v${v}`);
      }
      map.set(schema.type, schema);
    }
    this.schemas = map;
  }

  has(type: string): boolean {
    return this.schemas.has(type);
  }

  types(): string[] {
    return [...this.schemas.keys()];
  }

  currentVersion(type: string): number {
    return this.schemaOf(type).version;
  }

  /** Checks a new event's payload before it is written. */
  validate(type: string, data: JsonObject): void {
    const problems = this.schemaOf(type).validate?.(data) ?? [];
    if (problems.length > 0) throw new MalformedMessageError('MALFORMED_EVENT', `${type} is malformed: ${problems.join('; ')}`, problems);
  }

  /** The event as the current schema version sees it. */
  upcast<E extends StoredEvent>(event: E): E {
    const schema = this.schemaOf(event.type);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > schema.version) {
      throw new MalformedMessageError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `${event.type} v${event.schemaVersion} at ${event.streamId}@${event.revision} is not readable (current v${schema.version})`,
      );
    }
    let data = event.data;
    for (let v = event.schemaVersion; v < schema.version; v += 1) {
      const up = schema.upcasters?.[v];
      if (!up) throw new MalformedMessageError('UNSUPPORTED_SCHEMA_VERSION', `${event.type} has no upcaster from v${v}`);
      data = up(data);
    }
    return data === event.data ? event : { ...event, data, schemaVersion: schema.version };
  }

  private schemaOf(type: string): EventSchema {
    const schema = this.schemas.get(type);
    if (!schema) throw new MalformedMessageError('UNKNOWN_EVENT_TYPE', `Unknown event type ${JSON.stringify(type)}`);
    return schema;
  }
}
