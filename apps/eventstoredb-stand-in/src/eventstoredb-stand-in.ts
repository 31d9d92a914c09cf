import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { AllStreamPosition, Empty, StreamIdentifier, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { type AppendOutcome, type ExpectedVersion, type LoggedEvent, type ProposedEvent, type ReadStart, StandInLog } from './stand-in-log';

export interface EventStoreDbStandInOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** List Streams.BatchAppend among the supported methods, as servers since 21.10 do (the client then appends through it). */
  readonly batchAppend?: boolean;
  /** Answer an idempotent append with the original position, as recent servers do; older ones answer "no position". */
  readonly idempotentPositions?: boolean;
  /** Start the log with a system event, as a real server's log does. */
  readonly systemEvents?: boolean;
}

export interface EventStoreDbStandIn {
  /** Connection string for `@eventstore/db-client`: insecure, on 127.0.0.1. */
  readonly url: string;
  readonly port: number;
  /** Ends every open subscription with UNAVAILABLE, as a server does with a subscriber it drops. */
  dropSubscriptions(): void;
  /** Stops serving (every connection breaks), then serves the same log on the same port again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SERVER_VERSION = '23.10.0';
const STREAMS = 'event_store.client.streams.Streams';
const SCAN_PAGE = 256;
/** Events scanned per checkpoint unit when the filter names no window (`count`). */
const DEFAULT_WINDOW = 32;

/**
 * An in-process stand-in for an EventStoreDB node, speaking its gRPC protocol on a real socket with
 * the client package's own message classes, for the calls the EventStoreDB adapter makes (see
 * apps/eventstoredb-stand-in/README.md). Everything else fails loudly with UNIMPLEMENTED.
 */
export const startEventStoreDbStandIn = async (options: EventStoreDbStandInOptions = {}): Promise<EventStoreDbStandIn> => {
  const log = new StandInLog({ systemEvents: options.systemEvents, idempotentPositions: options.idempotentPositions });
  const subscriptions = new Set<() => void>();
  const handlers = streamsHandlers(log, subscriptions);
  const features = supportedMethods(options.batchAppend ?? true);

  const serve = async (port: number): Promise<{ server: grpc.Server; port: number }> => {
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: grpc.ServerUnaryCall<Empty, SupportedMethods>, callback: grpc.sendUnaryData<SupportedMethods>) => callback(null, features),
    });
    server.addService(StreamsService, handlers);
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, actual) => (error ? reject(error) : resolve(actual))),
    );
    return { server, port: bound };
  };

  let current = await serve(options.port ?? 0);
  const port = current.port;
  const dropSubscriptions = () => {
    for (const drop of [...subscriptions]) drop();
  };
  const stop = async () => {
    dropSubscriptions();
    current.server.forceShutdown();
  };
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    dropSubscriptions,
    restart: async () => {
      await stop();
      current = await serve(port);
    },
    stop,
  };
};

const supportedMethods = (batchAppend: boolean): SupportedMethods => {
  const method = (service: string, name: string) => new SupportedMethod().setServiceName(service).setMethodName(name);
  const methods = [method(STREAMS, 'Read'), method(STREAMS, 'Append')];
  if (batchAppend) methods.push(method(STREAMS, 'BatchAppend'));
  methods.push(method('event_store.client.server_features.ServerFeatures', 'GetSupportedMethods'));
  return new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION);
};

const streamsHandlers = (log: StandInLog, subscriptions: Set<() => void>): grpc.UntypedServiceImplementation => ({
  append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) proposed.push(toProposed(message));
    });
    call.on('end', () => {
      if (!options) return callback(failure(grpc.status.INVALID_ARGUMENT, 'The first message of an append must carry its options'));
      const streamId = streamName(options.getStreamIdentifier());
      const expected = appendExpected(options);
      const invalid = proposed.find((event) => !event.type);
      if (invalid) return callback(failure(grpc.status.INVALID_ARGUMENT, 'Required metadata property "type" is missing', 'missing-required-metadata-property'));
      callback(null, appendResponse(log.append(streamId, expected, proposed), expected));
    });
  },

  batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, { options: BatchAppendReq.Options | undefined; proposed: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = uuidText(request.getCorrelationId());
      const batch = pending.get(correlation) ?? { options: undefined, proposed: [] };
      pending.set(correlation, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      batch.proposed.push(...request.getProposedMessagesList().map(toProposed));
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      if (!batch.options) {
        call.emit('error', failure(grpc.status.INVALID_ARGUMENT, `Batch ${correlation} came without options`));
        return;
      }
      call.write(batchAppendResponse(request.getCorrelationId()!, batch.options, batch.proposed, log));
    });
    call.on('end', () => call.end());
  },

  read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => {
    const options = call.request.getOptions();
    if (!options) return call.emit('error', failure(grpc.status.INVALID_ARGUMENT, 'A read needs options'));
    const structured = options.getUuidOption()?.getContentCase() === ReadReq.Options.UUIDOption.ContentCase.STRUCTURED;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const filter = eventFilter(options);
    if (options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
      const all = options.getAll();
      if (!all) return call.emit('error', failure(grpc.status.UNIMPLEMENTED, 'The stand-in serves subscriptions to $all only, not to one stream'));
      void subscribe(call, log, subscriptions, allStart(all), filter, structured);
      return;
    }
    const count = BigInt(options.getCount() || '0');
    const stream = options.getStream();
    if (stream) {
      const name = streamName(stream.getStreamIdentifier());
      const events = log.readStream(name, streamStart(stream), backwards, count);
      if (events === null) {
        call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(stream.getStreamIdentifier())));
      } else {
        for (const event of events) call.write(new ReadResp().setEvent(readEvent(event, structured, false)));
      }
      call.end();
      return;
    }
    const all = options.getAll();
    if (!all) return call.emit('error', failure(grpc.status.INVALID_ARGUMENT, 'A read names a stream or $all'));
    for (const event of log.readAll(allStart(all), backwards, count, filter.accept)) call.write(new ReadResp().setEvent(readEvent(event, structured, true)));
    call.end();
  },

  delete: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(unimplemented('Streams.Delete')),
  tombstone: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(unimplemented('Streams.Tombstone')),
});

interface EventFilter {
  readonly accept: (event: LoggedEvent) => boolean;
  /** Scanned events between two checkpoints; null when the subscription is not filtered (no checkpoints). */
  readonly checkpointEvery: number | null;
}

const eventFilter = (options: ReadReq.Options): EventFilter => {
  const filter = options.getFilter();
  if (!filter) return { accept: () => true, checkpointEvery: null };
  const byType = filter.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.EVENT_TYPE;
  const expression = byType ? filter.getEventType() : filter.getStreamIdentifier();
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : null;
  const prefixes = expression?.getPrefixList() ?? [];
  const window = filter.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX ? filter.getMax() : DEFAULT_WINDOW;
  return {
    accept: (event) => {
      const subject = byType ? event.type : event.streamId;
      return regex ? regex.test(subject) : prefixes.some((prefix) => subject.startsWith(prefix));
    },
    checkpointEvery: Math.max(1, window * Math.max(1, filter.getCheckpointintervalmultiplier())),
  };
};

/**
 * A catch-up subscription to $all: confirmation, the log after the start position, caught-up, then
 * live events. One cursor walks the log for both phases, so the switch to live loses and repeats
 * nothing; writes to the socket wait while the client's window is full (a slow consumer holds the
 * subscription back, as gRPC flow control does with a real server).
 */
const subscribe = async (
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  log: StandInLog,
  subscriptions: Set<() => void>,
  start: ReadStart,
  filter: EventFilter,
  structured: boolean,
): Promise<void> => {
  const ended = new AbortController();
  let wake: (() => void) | undefined;
  const drop = () => {
    if (ended.signal.aborted) return;
    ended.abort();
    wake?.();
    call.emit('error', failure(grpc.status.UNAVAILABLE, 'The stand-in dropped the subscription'));
  };
  const stopListening = log.onWrite(() => wake?.());
  call.on('cancelled', () => {
    ended.abort();
    wake?.();
  });
  subscriptions.add(drop);
  const send = async (response: ReadResp) => {
    if (!call.write(response)) await once(call, 'drain', { signal: ended.signal });
  };
  try {
    await send(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    let cursor = start.kind === 'start' ? null : start.kind === 'end' ? log.headPosition : start.value;
    let caughtUp = false;
    let scanned = 0;
    while (!ended.signal.aborted) {
      const page = log.scanAfter(cursor, SCAN_PAGE);
      for (const event of page) {
        if (ended.signal.aborted) return;
        cursor = event.position;
        if (filter.accept(event)) await send(new ReadResp().setEvent(readEvent(event, structured, true)));
        scanned += 1;
        if (filter.checkpointEvery !== null && scanned >= filter.checkpointEvery) {
          scanned = 0;
          await send(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(event.position.toString()).setPreparePosition(event.position.toString())));
        }
      }
      if (page.length > 0) continue;
      if (!caughtUp) {
        caughtUp = true;
        await send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = () => {
          wake = undefined;
          resolve();
        };
        if (ended.signal.aborted || log.scanAfter(cursor, 1).length > 0) wake();
      });
    }
  } catch (error) {
    // Waiting for room on a call that ended: nothing more to send.
    if (!ended.signal.aborted) throw error;
  } finally {
    stopListening();
    subscriptions.delete(drop);
  }
};

/** Which case of a request's expected-revision oneof means what: Append and BatchAppend number them differently. */
interface ExpectedCases {
  readonly revision: number;
  readonly noStream: number;
  readonly streamExists: number;
}

const expectedVersion = (which: number, cases: ExpectedCases, revision: () => string | number): ExpectedVersion => {
  if (which === cases.revision) return { kind: 'revision', revision: BigInt(revision()) };
  if (which === cases.noStream) return { kind: 'no_stream' };
  if (which === cases.streamExists) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

const appendExpected = (options: AppendReq.Options): ExpectedVersion => {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  return expectedVersion(options.getExpectedStreamRevisionCase(), { revision: Case.REVISION, noStream: Case.NO_STREAM, streamExists: Case.STREAM_EXISTS }, () => options.getRevision());
};

const batchExpected = (options: BatchAppendReq.Options): ExpectedVersion => {
  const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
  return expectedVersion(options.getExpectedStreamPositionCase(), { revision: Case.STREAM_POSITION, noStream: Case.NO_STREAM, streamExists: Case.STREAM_EXISTS }, () => options.getStreamPosition());
};

const appendResponse = (outcome: AppendOutcome, expected: ExpectedVersion): AppendResp => {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === null) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString()).setCurrentRevision2060(Number(outcome.currentRevision));
    switch (expected.kind) {
      case 'revision':
        wrong.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
        break;
      case 'no_stream':
        wrong.setExpectedNoStream(new Empty());
        break;
      case 'stream_exists':
        wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
        break;
      case 'any':
        wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
        break;
    }
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision === null) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === null) success.setNoPosition(new Empty());
  else success.setPosition(new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  return new AppendResp().setSuccess(success);
};

const batchAppendResponse = (correlation: UUID, options: BatchAppendReq.Options, proposed: readonly ProposedEvent[], log: StandInLog): BatchAppendResp => {
  const expected = batchExpected(options);
  const response = new BatchAppendResp().setCorrelationId(correlation).setStreamIdentifier(options.getStreamIdentifier());
  switch (expected.kind) {
    case 'revision':
      response.setStreamPosition(expected.revision.toString());
      break;
    case 'no_stream':
      response.setNoStream(new ProtobufEmpty());
      break;
    case 'stream_exists':
      response.setStreamExists(new ProtobufEmpty());
      break;
    case 'any':
      response.setAny(new ProtobufEmpty());
      break;
  }
  if (proposed.some((event) => !event.type)) {
    return response.setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage('Required metadata property "type" is missing'));
  }
  const outcome = log.append(streamName(options.getStreamIdentifier()), expected, proposed);
  if (outcome.kind === 'wrong_expected_version') {
    const details = new WrongExpectedVersion();
    if (outcome.currentRevision === null) details.setCurrentNoStream(new ProtobufEmpty());
    else details.setCurrentStreamRevision(outcome.currentRevision.toString());
    if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
    else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
    else details.setExpectedAny(new ProtobufEmpty());
    const any = new Any();
    any.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
    return response.setError(new Status().setCode(Code.FAILED_PRECONDITION).setMessage('Wrong expected version.').setDetails(any));
  }
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision === null) success.setNoStream(new ProtobufEmpty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === null) success.setNoPosition(new ProtobufEmpty());
  else success.setPosition(new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
  return response.setSuccess(success);
};

const readEvent = (event: LoggedEvent, structured: boolean, fromAll: boolean): ReadResp.ReadEvent => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structured))
    .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(event.streamId, 'utf8')))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created.toString());
  const read = new ReadResp.ReadEvent().setEvent(recorded);
  // Reads of one stream come from the index, reads of $all from the log: only those carry the log position.
  return fromAll ? read.setCommitPosition(event.position.toString()) : read.setNoPosition(new Empty());
};

const toProposed = (message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent => {
  const metadata = message.getMetadataMap();
  return {
    id: uuidText(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

const streamStart = (options: ReadReq.Options.StreamOptions): ReadStart => {
  const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
  switch (options.getRevisionOptionCase()) {
    case Case.REVISION:
      return { kind: 'at', value: BigInt(options.getRevision()) };
    case Case.END:
      return { kind: 'end' };
    default:
      return { kind: 'start' };
  }
};

const allStart = (options: ReadReq.Options.AllOptions): ReadStart => {
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  switch (options.getAllOptionCase()) {
    case Case.POSITION:
      return { kind: 'at', value: BigInt(options.getPosition()!.getCommitPosition()) };
    case Case.END:
      return { kind: 'end' };
    default:
      return { kind: 'start' };
  }
};

const streamName = (identifier: StreamIdentifier | undefined): string => Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const uuidText = (uuid: UUID | undefined): string => {
  const structured = uuid?.getStructured();
  if (!structured) return (uuid?.getString() ?? '').toLowerCase();
  const hex = BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') + BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const uuidMessage = (id: string, structured: boolean): UUID => {
  if (!structured) return new UUID().setString(id);
  const hex = id.replaceAll('-', '');
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString()),
  );
};

/** A gRPC error status; `exception` is the trailer EventStoreDB's clients read the error type from. */
const failure = (code: grpc.status, details: string, exception?: string): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  if (exception) metadata.set('exception', exception);
  return { code, details, metadata };
};

const unimplemented = (call: string): Partial<grpc.StatusObject> =>
  failure(grpc.status.UNIMPLEMENTED, `${call} is not implemented by the EventStoreDB stand-in (see apps/eventstoredb-stand-in/README.md)`);

