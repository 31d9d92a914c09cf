import { isAbsolute, join, resolve } from 'node:path';
import { DEADLINE_CLOCKS, DEFAULT_LATE_ENTRY_HOURS, DEFAULT_OCCURRED_AT_BOUNDS, type DeadlineDays, type OccurredAtBounds } from '@tppo/case-domain';

/**
 * Typed configuration from environment variables, validated at start. A wrong value stops the
 * process with a message naming the variable; defaults give the embedded mode (no servers).
 */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** The embedded SQLite file (default), or EventStoreDB (KurrentDB) over gRPC in production. */
  readonly eventStore: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'eventstoredb'; readonly url: string };
  /** Read models; the projector runs in this process unless `projector` is 'off' (then apps/projector runs it). */
  readonly readStore: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly projector: 'in-process' | 'off';
  readonly keyStore: { readonly file: string; readonly masterKeyFile: string; readonly masterKeyBase64: string | undefined };
  readonly unitRegistryFile: string;
  /** The access log of reads of protected personal data (the law on personal data asks who read what), append-only. */
  readonly accessLogFile: string;
  /** First responses by Idempotency-Key, kept for `retentionHours` (clients retry within minutes). */
  readonly idempotency: { readonly file: string; readonly retentionHours: number };
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    /** Local mode signs HS256 with a secret under the data folder; production sets JWKS_URL or JWT_PUBLIC_KEY_FILE. */
    readonly jwksUrl: string | undefined;
    readonly publicKeyFile: string | undefined;
    /** Asymmetric algorithms accepted with JWKS_URL or JWT_PUBLIC_KEY_FILE. */
    readonly algorithms: readonly ('RS256' | 'ES256' | 'PS256' | 'EdDSA')[];
  };
  readonly bodyLimitBytes: number;
  /** Requests per minute per unit and user; 0 turns the limit off (benchmarks only). */
  readonly rateLimitPerMinute: number;
  /** The stricter limit of statistics, identity reads and access logs; 0 turns it off. */
  readonly reportsRateLimitPerMinute: number;
  /** Events of recently used cases whose folded state stays in memory between commands. */
  readonly streamCacheEvents: number;
  /** Statutory day counts that differ from the law's defaults (DEADLINE_DAYS_<CLOCK>); empty: the law's. */
  readonly deadlineDays: DeadlineDays;
  /** Bounds of a declared `occurredAt` (OCCURRED_AT_MAX_DAYS_BACK, OCCURRED_AT_CLOCK_SKEW_SECONDS). */
  readonly occurredAt: OccurredAtBounds;
  /** An entry recorded more than this many hours after its act is shown as a late entry (LATE_ENTRY_HOURS). */
  readonly lateEntryHours: number;
  /** Years after its closure that a case's subjects are kept before retention shreds them (RETENTION_CLOSED_CASE_YEARS). */
  readonly retentionClosedCaseYears: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly swaggerEnabled: boolean;
  /** The built web console (apps/console), served at /console; absent files answer a 503 problem. */
  readonly consoleDir: string;
  /**
   * Sign-in without an identity provider (POST /local-auth/tokens): only with the local HS256 secret
   * and outside production. With a JWKS URL or key file, or NODE_ENV=production, the route is not mounted.
   */
  readonly localSignIn: boolean;
  /**
   * The console's sign-in with the identity provider (CONSOLE_OIDC_CLIENT_ID): OpenID Connect
   * authorization code with PKCE against JWT_ISSUER, as a public client. Undefined: none.
   */
  readonly consoleOidc: { readonly issuer: string; readonly clientId: string; readonly scope: string; readonly resource: string | undefined } | undefined;
  /**
   * The transparency log over every event (TRANSPARENCY_LOG, on by default): its file, its signing
   * key (apart from the data keys), the origin line of its checkpoints, and how often one is cut.
   */
  readonly transparency: {
    readonly enabled: boolean;
    readonly file: string;
    readonly keyFile: string;
    readonly origin: string;
    readonly checkpointEvents: number;
    readonly checkpointSeconds: number;
  };
  readonly shutdownGraceMs: number;
  /**
   * The Kafka relay (KAFKA_BROKERS set): runs in the API's process unless KAFKA_RELAY=off (then
   * apps/kafka-relay runs it). Undefined: no Kafka.
   */
  readonly kafka:
    | {
        readonly brokers: readonly string[];
        readonly topic: string;
        /** Where the transparency log's signed checkpoints go (one partition, kept for ever), for witnesses. */
        readonly checkpointTopic: string;
        readonly partitions: number;
        readonly clientId: string;
        readonly checkpointFile: string;
        readonly relay: 'in-process' | 'off';
        /** Where apps/kafka-relay serves /health and /metrics. */
        readonly statusPort: number;
      }
    | undefined;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
};

const bool = (env: Env, name: string, fallback: boolean): boolean => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(value)}`);
};

const text = (env: Env, name: string, fallback: string | undefined): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
};

const url = (env: Env, name: string): string | undefined => {
  const value = text(env, name, undefined);
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value;
};

export const loadConfig = (env: Env = process.env, cwd: string = process.cwd()): AppConfig => {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDirRaw = text(env, 'DATA_DIR', 'data')!;
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const inData = (name: string, file: string) => {
    const value = text(env, name, undefined);
    if (value === undefined) return join(dataDir, file);
    return isAbsolute(value) ? value : resolve(cwd, value);
  };
  const jwksUrl = url(env, 'JWKS_URL');
  const publicKeyFile = text(env, 'JWT_PUBLIC_KEY_FILE', undefined);
  if (jwksUrl && publicKeyFile) throw new ConfigError('JWKS_URL', 'set either JWKS_URL or JWT_PUBLIC_KEY_FILE, not both');
  return {
    nodeEnv,
    host: text(env, 'HOST', '127.0.0.1')!,
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    eventStore: (() => {
      const kind = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
      if (kind === 'sqlite') return { kind, file: inData('EVENT_STORE_FILE', 'events.db') };
      const url = text(env, 'EVENTSTORE_URL', undefined);
      if (!url || !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(url)) {
        throw new ConfigError('EVENTSTORE_URL', 'EVENT_STORE=eventstoredb needs EVENTSTORE_URL=esdb://host:2113?tls=… (or esdb+discover:// for a cluster)');
      }
      return { kind, url };
    })(),
    projector: oneOf(env, 'PROJECTOR', ['in-process', 'off'] as const, 'in-process'),
    readStore: (() => {
      const kind = oneOf(env, 'READ_STORE', ['sqlite', 'postgres'] as const, 'sqlite');
      if (kind === 'sqlite') return { kind, file: inData('READ_STORE_FILE', 'reads.db') };
      const databaseUrl = text(env, 'DATABASE_URL', undefined);
      if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'READ_STORE=postgres needs DATABASE_URL=postgres://…');
      return { kind, url: databaseUrl };
    })(),
    keyStore: { file: inData('KEY_STORE_FILE', 'keys.db'), masterKeyFile: inData('MASTER_KEY_FILE', 'master.key'), masterKeyBase64: text(env, 'DATA_MASTER_KEY', undefined) },
    accessLogFile: inData('ACCESS_LOG_FILE', 'access-log.db'),
    idempotency: { file: inData('IDEMPOTENCY_FILE', 'idempotency.db'), retentionHours: integer(env, 'IDEMPOTENCY_RETENTION_HOURS', 72, 1, 24 * 365) },
    unitRegistryFile: (() => {
      const value = text(env, 'UNIT_REGISTRY_FILE', undefined);
      if (value === undefined) return resolve(cwd, 'apps/coordination-api/config/units/indonesia-seed.json');
      return isAbsolute(value) ? value : resolve(cwd, value);
    })(),
    auth: {
      issuer: text(env, 'JWT_ISSUER', 'tppo-local')!,
      audience: text(env, 'JWT_AUDIENCE', 'tppo-coordination-api')!,
      jwksUrl,
      publicKeyFile,
      algorithms: (() => {
        const raw = text(env, 'JWT_ALGORITHMS', 'RS256,ES256')!;
        const allowed = ['RS256', 'ES256', 'PS256', 'EdDSA'] as const;
        const list = raw.split(',').map((a) => a.trim());
        for (const a of list) if (!(allowed as readonly string[]).includes(a)) throw new ConfigError('JWT_ALGORITHMS', `must list only ${allowed.join(', ')}, got ${JSON.stringify(a)}`);
        return list as (typeof allowed)[number][];
      })(),
    },
    streamCacheEvents: (() => {
      if ((env['STREAM_CACHE_SIZE'] ?? '') !== '') {
        throw new ConfigError('STREAM_CACHE_SIZE', 'was replaced by STREAM_CACHE_EVENTS, which counts the events of the cached cases rather than the cases (default 20000)');
      }
      return integer(env, 'STREAM_CACHE_EVENTS', 20_000, 0, 10_000_000);
    })(),
    deadlineDays: Object.fromEntries(
      DEADLINE_CLOCKS.filter((clock) => (env[`DEADLINE_DAYS_${clock}`] ?? '') !== '').map((clock) => [clock, integer(env, `DEADLINE_DAYS_${clock}`, 0, 1, 365)]),
    ),
    occurredAt: {
      maxDaysBack: integer(env, 'OCCURRED_AT_MAX_DAYS_BACK', DEFAULT_OCCURRED_AT_BOUNDS.maxDaysBack, 0, 3650),
      clockSkewSeconds: integer(env, 'OCCURRED_AT_CLOCK_SKEW_SECONDS', DEFAULT_OCCURRED_AT_BOUNDS.clockSkewSeconds, 0, 3600),
    },
    lateEntryHours: integer(env, 'LATE_ENTRY_HOURS', DEFAULT_LATE_ENTRY_HOURS, 1, 24 * 365),
    // At least a year: a closed case is often reopened, or appealed, within months (docs/operations.md).
    retentionClosedCaseYears: integer(env, 'RETENTION_CLOSED_CASE_YEARS', 10, 1, 100),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 10_000_000),
    reportsRateLimitPerMinute: integer(env, 'RATE_LIMIT_REPORTS_PER_MINUTE', 60, 0, 10_000_000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    swaggerEnabled: bool(env, 'SWAGGER_ENABLED', nodeEnv !== 'production'),
    consoleDir: (() => {
      const value = text(env, 'CONSOLE_DIR', undefined);
      if (value === undefined) return resolve(cwd, 'dist/console');
      return isAbsolute(value) ? value : resolve(cwd, value);
    })(),
    localSignIn: nodeEnv !== 'production' && jwksUrl === undefined && publicKeyFile === undefined,
    consoleOidc: (() => {
      const clientId = text(env, 'CONSOLE_OIDC_CLIENT_ID', undefined);
      if (clientId === undefined) return undefined;
      if (!/^[\x21-\x7e]{1,255}$/.test(clientId)) throw new ConfigError('CONSOLE_OIDC_CLIENT_ID', 'must be a client id without spaces (at most 255 characters)');
      if (jwksUrl === undefined && publicKeyFile === undefined) {
        throw new ConfigError('CONSOLE_OIDC_CLIENT_ID', "needs the identity provider's keys too: set JWKS_URL (or JWT_PUBLIC_KEY_FILE) and JWT_ISSUER");
      }
      const issuer = url(env, 'JWT_ISSUER');
      const parsed = new URL(issuer ?? 'invalid:');
      if (issuer === undefined || (parsed.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname))) {
        throw new ConfigError('JWT_ISSUER', 'the console signs in at the issuer: it must be its https URL (http only on a loopback host)');
      }
      const scope = text(env, 'CONSOLE_OIDC_SCOPE', 'openid')!;
      if (!/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(scope) || !scope.split(' ').includes('openid')) {
        throw new ConfigError('CONSOLE_OIDC_SCOPE', 'must be scopes separated by one space, including openid');
      }
      // RFC 8707: when set, asks the provider for an access token meant for this API (an absolute URI).
      const resource = text(env, 'CONSOLE_OIDC_RESOURCE', undefined);
      if (resource !== undefined && !/^(https?:\/\/[^\s#]+|urn:[^\s#]+)$/.test(resource)) {
        throw new ConfigError('CONSOLE_OIDC_RESOURCE', 'must be an absolute URI without a fragment (https://… or urn:…)');
      }
      return { issuer, clientId, scope, resource };
    })(),
    transparency: {
      enabled: oneOf(env, 'TRANSPARENCY_LOG', ['on', 'off'] as const, 'on') === 'on',
      file: inData('TRANSPARENCY_LOG_FILE', 'transparency.db'),
      keyFile: inData('TRANSPARENCY_LOG_KEY_FILE', 'log.key'),
      origin: (() => {
        // C2SP tlog-checkpoint: a schema-less URL naming this log, unique among the logs a verifier trusts.
        const origin = text(env, 'TRANSPARENCY_LOG_ORIGIN', 'tppo.local/coordination-log')!;
        if (!/^[a-z0-9.-]+(:[0-9]{1,5})?(\/[\x21-\x2a\x2c-\x7e]+)*$/.test(origin)) {
          throw new ConfigError('TRANSPARENCY_LOG_ORIGIN', 'must be a schema-less URL such as kemenpppa.go.id/tppo-log (lower-case host, no spaces, no "+")');
        }
        return origin;
      })(),
      checkpointEvents: integer(env, 'TRANSPARENCY_CHECKPOINT_EVENTS', 1000, 1, 10_000_000),
      checkpointSeconds: integer(env, 'TRANSPARENCY_CHECKPOINT_SECONDS', 60, 1, 86_400),
    },
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    kafka: (() => {
      const brokers = text(env, 'KAFKA_BROKERS', undefined);
      if (brokers === undefined) return undefined;
      const list = brokers.split(',').map((b) => b.trim());
      for (const b of list) if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) throw new ConfigError('KAFKA_BROKERS', `must be host:port[,host:port…], got ${JSON.stringify(b)}`);
      return {
        brokers: list,
        topic: text(env, 'KAFKA_TOPIC', 'tppo.case-events.v1')!,
        checkpointTopic: text(env, 'KAFKA_CHECKPOINT_TOPIC', 'tppo.transparency-checkpoints.v1')!,
        partitions: integer(env, 'KAFKA_PARTITIONS', 6, 1, 1000),
        clientId: text(env, 'KAFKA_CLIENT_ID', 'tppo-kafka-relay')!,
        checkpointFile: inData('RELAY_CHECKPOINT_FILE', 'relay.db'),
        relay: oneOf(env, 'KAFKA_RELAY', ['in-process', 'off'] as const, 'in-process'),
        statusPort: integer(env, 'RELAY_PORT', 3002, 0, 65535),
      };
    })(),
  };
};

/**
 * The configuration of a process's main: a ConfigError ends the process with exit code 2 and one
 * line saying which variable is wrong, so an operator does not read a stack trace. `check` adds a
 * process's own requirements (the relay needs Kafka).
 */
export const loadConfigOrExit = (check: (config: AppConfig) => void = () => undefined): AppConfig => {
  try {
    const config = loadConfig();
    check(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
};
