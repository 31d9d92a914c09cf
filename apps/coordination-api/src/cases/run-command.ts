import { Inject } from '@nestjs/common';
import { Command, type CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UnitRegistry } from '@tppo/access';
import {
  caseDecider,
  caseEventRegistry,
  caseStreamId,
  interceptionDecider,
  interceptionStreamId,
  requirePermission,
  type CaseCommandData,
  type CaseCommandType,
  type DataOf,
  INTERCEPTION_COMMANDS,
  type InterceptionCommandType,
} from '@tppo/case-domain';
import { handleCommand, KeyedQueue, type Command as DomainCommand, type Decider, type DomainEvent, type EventStore, type JsonValue, type StreamCache, type ValidatedWrites } from '@tppo/eventsourcing';
import { PersonalDataProtector, subjectKeyId } from '@tppo/protected-data';
import { ProblemException } from '../errors/problem';
import type { IdempotencyStore } from '../idempotency/idempotency.store';
import { APP_CONFIG, EVENT_STORE, IDEMPOTENCY_STORE, STREAM_CACHE, UNIT_REGISTRY, VALIDATED_WRITES } from '../infrastructure/tokens';
import type { AppConfig } from '../config/app-config';
import { type CommandContext, replyOf } from './command-context';
import type { CommandResultDto } from './command-result.dto';
import { KeyShredder } from './privacy/key-shredder';

export type CommandType = CaseCommandType | InterceptionCommandType;

type DomainData<T extends CommandType> = T extends CaseCommandType ? CaseCommandData<T> : T extends InterceptionCommandType ? DataOf<(typeof INTERCEPTION_COMMANDS)[T]> : never;

/**
 * A command's payload as the HTTP edge sends it: the domain's data without what the handler adds
 * (the case or report id, recipients' agency types) and with the identity still in clear.
 */
export type EdgeData<T extends CommandType> = Omit<DomainData<T>, 'caseId' | 'reportId' | 'identity' | (typeof RECIPIENT_FIELDS)[keyof typeof RECIPIENT_FIELDS]> & {
  readonly identity?: unknown;
  readonly occurredAt?: string;
};

/** What a command answers, for the controller to send: the handler does not touch the reply. */
export interface CommandAnswer {
  /** Set only when it differs from the route's own (a replayed answer keeps its first status). */
  readonly status?: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: CommandResultDto;
}

/** A command as the HTTP edge received it: plaintext identities, recipients named by unit id only. */
export class RunCommand<T extends CommandType = CommandType> extends Command<CommandAnswer> {
  constructor(
    readonly type: T,
    /** The case id, or the interception report id. */
    readonly id: string,
    readonly data: EdgeData<T>,
    readonly context: CommandContext,
    readonly resourceId?: string,
  ) {
    super();
  }
}

/** The answer's headers: ETag and Location derive from the result, so a replayed answer carries them too. */
const answerOf = (context: CommandContext, body: CommandResultDto, { replayed, status }: { readonly replayed: boolean; readonly status?: number }): CommandAnswer => {
  const headers: Record<string, string> = { etag: `"${body.revision}"`, 'cache-control': 'no-store' };
  if (replayed) headers['idempotent-replayed'] = 'true';
  const location = context.route.location?.(body);
  if (location) headers['location'] = location;
  const { notice } = context.route;
  return { headers, body: notice === undefined ? body : { ...body, notice }, ...(status === undefined ? {} : { status }) };
};

/** Runs a command through the bus and puts its answer on the request's reply. */
export const sendCommand = async (bus: CommandBus, command: RunCommand): Promise<CommandResultDto> => {
  const answer = await bus.execute(command);
  const reply = replyOf(command.context);
  if (answer.status !== undefined) void reply.status(answer.status);
  void reply.headers(answer.headers);
  return answer.body;
};

/** Fields naming another unit, and the field the domain needs with that unit's agency type. */
export const RECIPIENT_FIELDS = {
  toUnitId: 'toAgencyType',
  providerUnitId: 'providerAgencyType',
  prosecutorUnitId: 'prosecutorAgencyType',
  courtUnitId: 'courtAgencyType',
} as const;

/** The field holding the pseudonymous ref of the person an `identity` belongs to. */
const IDENTITY_OWNER = ['subjectRef', 'guardianRef'] as const;

type AnyDecider = Decider<DomainCommand, DomainEvent, unknown>;

/**
 * The thin handler of the write path: checks the agency type before anything
 * else is done (no key is created for a command that may not be issued), resolves recipients from
 * the unit registry, seals identities with the data subject's own key, then read, fold, decide,
 * append through `handleCommand`; an approved erasure then destroys the person's key.
 */
@CommandHandler(RunCommand)
export class RunCommandHandler implements ICommandHandler<RunCommand> {
  /** Commands on one case take their turn in this process, so a burst applies instead of racing to 409. */
  private readonly turns = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
    @Inject(STREAM_CACHE) private readonly cache: StreamCache<unknown>,
    @Inject(VALIDATED_WRITES) private readonly validatedWrites: ValidatedWrites,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    private readonly protector: PersonalDataProtector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shredder: KeyShredder,
  ) {}

  /**
   * With an Idempotency-Key, a retry with the same request gets the first answer and writes nothing
   * (the key is also the command id, so even a forgotten answer is found again in the stream); the
   * same key with another request is 422. ETag and Location derive from the answer, so a replayed
   * answer carries them too. (Not a Nest interceptor: on Node 20 each one costs an AsyncResource.bind.)
   */
  async execute(command: RunCommand): Promise<CommandAnswer> {
    const { context } = command;
    const key = context.idempotencyKey;
    const unitId = context.principal.unitId;
    if (key !== undefined) {
      const earlier = await this.idempotency.lookup(unitId, key);
      if (earlier) {
        if (earlier.fingerprint !== context.fingerprint()) {
          throw new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'Unprocessable request', 'This Idempotency-Key was used for a different request');
        }
        return answerOf(context, earlier.body as CommandResultDto, { replayed: true, status: earlier.status });
      }
    }
    const { result, replayed } = await this.run(command);
    // A retry whose first answer was lost in a crash is found again in the stream (the key is the
    // command id): it gets the first answer rebuilt, revision and all, as a remembered one would.
    if (key !== undefined) this.idempotency.remember(unitId, key, { fingerprint: context.fingerprint(), status: context.route.status, body: result });
    return answerOf(context, result, { replayed });
  }

  private async run({ type, id, data: body, context, resourceId }: RunCommand): Promise<{ result: CommandResultDto; replayed: boolean }> {
    const { principal } = context;
    requirePermission(type, principal.agencyType);
    const isInterception = type === 'ReportDepartureInterception';
    const { occurredAt, ...data } = body;
    const payload = await this.sealIdentity(id, this.withRecipientTypes(isInterception ? { reportId: id, ...data } : { caseId: id, ...data }));
    const command: DomainCommand = {
      type,
      data: payload,
      metadata: {
        commandId: context.commandId,
        actor: { userId: principal.userId, unitId: principal.unitId, agencyType: principal.agencyType },
        now: new Date().toISOString(),
        ...(typeof occurredAt === 'string' ? { occurredAt, occurredAtBounds: this.config.occurredAt } : {}),
        correlationId: context.correlationId,
        ...(Object.keys(this.config.deadlineDays).length > 0 ? { deadlineDays: this.config.deadlineDays } : {}),
      },
    };
    const streamId = isInterception ? interceptionStreamId(id) : caseStreamId(id);
    const result = await this.turns.run(streamId, () =>
      handleCommand(this.store, (isInterception ? interceptionDecider : caseDecider) as unknown as AnyDecider, streamId, command, {
        registry: caseEventRegistry,
        expectedRevision: context.expectedRevision,
        cache: this.cache,
        validatedWrites: this.validatedWrites,
      }),
    );
    // After the append, and again on a replay: a crash between the two is repaired by the retry (or the sweep at start).
    if (type === 'ApproveSubjectErasure') await this.shredder.shred(id, result.events);
    return {
      // The first answer's body, even for a replay: `replayed` there was false, and says so again.
      result: { id, revision: result.revision, eventIds: result.events.map((e) => e.eventId), replayed: false, ...(resourceId === undefined ? {} : { resourceId }) },
      replayed: result.replayed,
    };
  }

  private withRecipientTypes(data: Record<string, unknown>): Record<string, unknown> {
    const out = { ...data };
    for (const [unitField, typeField] of Object.entries(RECIPIENT_FIELDS)) {
      const unitId = data[unitField];
      if (typeof unitId !== 'string') continue;
      const unit = this.units.get(unitId);
      if (!unit) {
        throw new ProblemException(400, 'UNKNOWN_UNIT', 'The request is not valid', 'One or more fields are invalid', [
          { field: unitField, messages: [`${unitField} must name a unit of the registry`] },
        ]);
      }
      out[typeField] = unit.agencyType;
    }
    return out;
  }

  /** Each person has their own key, named by case and ref, so erasing one person erases only them. */
  private async sealIdentity(caseOrReportId: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (data['identity'] === undefined) return data;
    const owner = IDENTITY_OWNER.map((field) => data[field]).find((v): v is string => typeof v === 'string');
    if (owner === undefined) throw new Error('An identity without the ref of its data subject');
    return { ...data, identity: await this.protector.seal(subjectKeyId(caseOrReportId, owner), data['identity'] as JsonValue) };
  }
}
