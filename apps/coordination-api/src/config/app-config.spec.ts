import { ConfigError, loadConfig, loadConfigOrExit } from './app-config';

describe('configuration', () => {
  it('defaults to the embedded mode under ./data', () => {
    const config = loadConfig({}, '/srv/tppo');
    expect(config.eventStore).toEqual({ kind: 'sqlite', file: '/srv/tppo/data/events.db' });
    expect(config.keyStore.file).toBe('/srv/tppo/data/keys.db');
    expect(config.readStore).toEqual({ kind: 'sqlite', file: '/srv/tppo/data/reads.db' });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.swaggerEnabled).toBe(true);
  });

  it.each([
    ['PORT', 'abc', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be a whole number from 0 to 65535/],
    ['EVENT_STORE', 'mongodb', /EVENT_STORE: must be one of sqlite/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['SWAGGER_ENABLED', 'yes', /SWAGGER_ENABLED: must be true or false/],
    ['JWKS_URL', 'not a url', /JWKS_URL: must be an http\(s\) URL/],
    ['BODY_LIMIT_BYTES', '10', /BODY_LIMIT_BYTES/],
    ['READ_STORE', 'mysql', /READ_STORE: must be one of sqlite, postgres/],
    ['RATE_LIMIT_PER_MINUTE', 'lots', /RATE_LIMIT_PER_MINUTE/],
    ['STREAM_CACHE_EVENTS', '-1', /STREAM_CACHE_EVENTS: must be a whole number from 0/],
    ['STREAM_CACHE_SIZE', '5000', /STREAM_CACHE_SIZE: was replaced by STREAM_CACHE_EVENTS/],
  ])('stops on a bad %s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('caches 20,000 events of folded cases unless STREAM_CACHE_EVENTS says otherwise', () => {
    expect(loadConfig({}, '/srv/tppo').streamCacheEvents).toBe(20_000);
    expect(loadConfig({ STREAM_CACHE_EVENTS: '0' }, '/srv/tppo').streamCacheEvents).toBe(0);
  });

  it('keeps the subjects of a closed case 10 years unless RETENTION_CLOSED_CASE_YEARS says otherwise, never less than one', () => {
    expect(loadConfig({}, '/srv').retentionClosedCaseYears).toBe(10);
    expect(loadConfig({ RETENTION_CLOSED_CASE_YEARS: '25' }, '/srv').retentionClosedCaseYears).toBe(25);
    expect(() => loadConfig({ RETENTION_CLOSED_CASE_YEARS: '0' }, '/srv')).toThrow(/RETENTION_CLOSED_CASE_YEARS: must be a whole number from 1 to 100/);
    expect(() => loadConfig({ RETENTION_CLOSED_CASE_YEARS: 'ten' }, '/srv')).toThrow(/RETENTION_CLOSED_CASE_YEARS: must be a whole number/);
  });

  it('takes statutory day counts per clock, the law’s by default', () => {
    expect(loadConfig({}, '/srv/tppo').deadlineDays).toEqual({});
    expect(loadConfig({ DEADLINE_DAYS_SERVICE: '3', DEADLINE_DAYS_RESTITUTION: '30' }, '/srv/tppo').deadlineDays).toEqual({ SERVICE: 3, RESTITUTION: 30 });
    expect(() => loadConfig({ DEADLINE_DAYS_SPDP: '0' }, '/srv/tppo')).toThrow(/DEADLINE_DAYS_SPDP: must be a whole number from 1 to 365/);
  });

  it('turns the Kafka relay on with KAFKA_BROKERS, and checks the broker list', () => {
    expect(loadConfig({}, '/srv/tppo').kafka).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092', KAFKA_RELAY: 'off' }, '/srv/tppo').kafka).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      topic: 'tppo.case-events.v1',
      checkpointTopic: 'tppo.transparency-checkpoints.v1',
      partitions: 6,
      clientId: 'tppo-kafka-relay',
      checkpointFile: '/srv/tppo/data/relay.db',
      relay: 'off',
      statusPort: 3002,
    });
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092', KAFKA_CHECKPOINT_TOPIC: 'witness.checkpoints' }, '/srv/tppo').kafka?.checkpointTopic).toBe('witness.checkpoints');
    expect(() => loadConfig({ KAFKA_BROKERS: 'http://kafka:9092' }, '/srv/tppo')).toThrow(/KAFKA_BROKERS: must be host:port/);
  });

  it('takes EventStoreDB with EVENT_STORE=eventstoredb and an esdb:// EVENTSTORE_URL', () => {
    expect(loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false' }, '/srv/tppo').eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://eventstore:2113?tls=false' });
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' }, '/srv/tppo')).toThrow(/EVENTSTORE_URL/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://eventstore:2113' }, '/srv/tppo')).toThrow(/EVENTSTORE_URL/);
    expect(() => loadConfig({ EVENT_STORE: 'mongodb' }, '/srv/tppo')).toThrow(/EVENT_STORE: must be one of sqlite, eventstoredb/);
  });

  it('hides Swagger UI in production unless enabled', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).swaggerEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SWAGGER_ENABLED: 'true' }).swaggerEnabled).toBe(true);
  });

  it('takes PostgreSQL for read models only with a postgres:// DATABASE_URL', () => {
    expect(loadConfig({ READ_STORE: 'postgres', DATABASE_URL: 'postgres://tppo@db:5432/tppo' }).readStore).toEqual({ kind: 'postgres', url: 'postgres://tppo@db:5432/tppo' });
    expect(() => loadConfig({ READ_STORE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ READ_STORE: 'postgres', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses two key sources at once', () => {
    expect(() => loadConfig({ JWKS_URL: 'https://idp.example/jwks', JWT_PUBLIC_KEY_FILE: '/k.pem' })).toThrow(/either JWKS_URL or JWT_PUBLIC_KEY_FILE/);
  });
});

describe('a process main with a bad configuration', () => {
  const saved = process.env.PORT;
  afterEach(() => {
    if (saved === undefined) delete process.env.PORT;
    else process.env.PORT = saved;
    jest.restoreAllMocks();
  });

  it('exits with code 2 and one line naming the variable, and checks what the process itself needs', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.PORT = 'eighty';
    expect(() => loadConfigOrExit()).toThrow('exit 2');
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^Configuration error: PORT: .*\n$/));
    process.env.PORT = '3000';
    expect(() => loadConfigOrExit(() => { throw new ConfigError('KAFKA_BROKERS', 'needed'); })).toThrow('exit 2');
    expect(stderr).toHaveBeenLastCalledWith('Configuration error: KAFKA_BROKERS: needed\n');
    expect(loadConfigOrExit().port).toBe(3000);
    expect(exit).toHaveBeenCalledTimes(2);
  });
});
