import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { buildConsistencyProof, nodeSha256, verifierKeyText } from '@tppo/transparency';
import type { FastifyReply } from 'fastify';
import { Access, OVERSIGHT } from '../auth/access-policy';
import { Public } from '../auth/public.decorator';
import type { AppConfig } from '../config/app-config';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { APP_CONFIG } from '../infrastructure/tokens';
import { TransparencyLog } from './transparency-log.service';
import type { StoredCheckpoint } from './transparency-log.store';

/** The largest tree size a request may name (2^53 − 1 is where integers stop being exact). */
const SIZE_MAX = Number.MAX_SAFE_INTEGER;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

class LogKeyView {
  @ApiProperty({ description: "The checkpoints' origin line, and the signature's key name" }) origin!: string;
  @ApiProperty({ description: 'The C2SP signed-note verifier key: name+key id+base64(0x01 ‖ Ed25519 public key)', example: 'tppo.local/coordination-log+1a2b3c4d+AR…' })
  verifierKey!: string;
  @ApiProperty({ description: 'The raw Ed25519 public key, base64' }) publicKey!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
}

export class CheckpointView {
  @ApiProperty({ type: 'integer', description: 'Events in the log when it was signed' }) size!: number;
  @ApiProperty({ description: "The tree's root hash (RFC 9162), base64" }) rootHash!: string;
  @ApiProperty({ description: 'The signed note (C2SP tlog-checkpoint), byte for byte as signed: keep it to check the log later' }) note!: string;
  @ApiProperty({ description: 'When it was signed (ISO 8601, UTC)' }) cutAt!: string;
}

class SizeParams {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: SIZE_MAX })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SIZE_MAX)
  size!: number;
}

class ConsistencyQuery {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: SIZE_MAX, description: 'The size of the checkpoint kept earlier' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SIZE_MAX)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: SIZE_MAX, description: 'The size of a later checkpoint' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SIZE_MAX)
  to!: number;
}

class ConsistencyView {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: 'string', isArray: true, description: 'The RFC 9162 consistency proof, base64 hashes' }) proof!: string[];
}

export const checkpointView = (checkpoint: StoredCheckpoint): CheckpointView => ({
  size: checkpoint.size,
  rootHash: b64(checkpoint.rootHash),
  note: checkpoint.note,
  cutAt: checkpoint.cutAt,
});

/**
 * The transparency log's public face: its key, its signed checkpoints and the consistency proofs
 * between them. None of it says anything about a case (sizes and hashes only), so anyone may keep
 * copies, and should: every copy kept outside is a witness that the log was not rewritten.
 */
@ApiTags('transparency')
@Controller('transparency')
export class TransparencyController {
  constructor(
    private readonly log: TransparencyLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('key')
  @Public()
  @ApiOperation({ operationId: 'GetTransparencyLogKey', summary: "The log's public key, to verify checkpoints and evidence offline" })
  @ApiOkResponse({ type: LogKeyView })
  @ApiProblems(429, 503)
  key(): LogKeyView {
    const publicKey = this.log.publicKey();
    return { origin: this.config.transparency.origin, verifierKey: verifierKeyText(nodeSha256, this.config.transparency.origin, publicKey), publicKey: b64(publicKey), algorithm: 'Ed25519' };
  }

  @Get('checkpoint')
  @Public()
  @ApiOperation({ operationId: 'GetLatestCheckpoint', summary: 'The newest signed checkpoint of the log' })
  @ApiOkResponse({ type: CheckpointView })
  @ApiProblems(404, 429, 503)
  latest(@Res({ passthrough: true }) reply: FastifyReply): CheckpointView {
    const checkpoint = this.log.store().latestCheckpoint();
    if (!checkpoint) throw new ProblemException(404, 'NO_CHECKPOINT_YET', 'No checkpoint yet', 'The log has not signed a checkpoint yet: one is cut once events exist');
    void reply.header('cache-control', 'no-cache');
    return checkpointView(checkpoint);
  }

  @Get('checkpoints/:size')
  @Public()
  @ApiOperation({ operationId: 'GetCheckpoint', summary: 'The signed checkpoint of a given size, as it was signed' })
  @ApiOkResponse({ type: CheckpointView })
  @ApiProblems(400, 404, 429, 503)
  bySize(@Param() { size }: SizeParams, @Res({ passthrough: true }) reply: FastifyReply): CheckpointView {
    const checkpoint = this.log.store().checkpoint(size);
    if (!checkpoint) throw new ProblemException(404, 'NO_SUCH_CHECKPOINT', 'No such checkpoint', `The log signed no checkpoint of size ${size}`);
    // A signed checkpoint never changes.
    void reply.header('cache-control', 'public, max-age=31536000, immutable');
    return checkpointView(checkpoint);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Access({ audience: OVERSIGHT, scope: 'caller' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'CutCheckpoint', summary: 'Catches the log up and signs a checkpoint now (MINISTRY, TASK_FORCE)' })
  @ApiCreatedResponse({ type: CheckpointView })
  @ApiProblems(400, 401, 429, 503)
  async cut(): Promise<CheckpointView> {
    return checkpointView(await this.log.checkpointNow());
  }

  @Get('consistency')
  @Public()
  @ApiOperation({ operationId: 'GetConsistencyProof', summary: 'Proof that the log of size `to` extends the log of size `from` (RFC 9162)' })
  @ApiOkResponse({ type: ConsistencyView })
  @ApiProblems(400, 404, 422, 429, 503)
  consistency(@Query() { from, to }: ConsistencyQuery): ConsistencyView {
    if (from > to) throw new ProblemException(422, 'SIZES_OUT_OF_ORDER', 'Sizes out of order', '`from` must not be larger than `to`');
    const size = this.log.store().size();
    if (to > size) throw new ProblemException(404, 'BEYOND_THE_LOG', 'Beyond the log', `The log holds ${size} events`);
    const store = this.log.store();
    return { from, to, proof: buildConsistencyProof(nodeSha256, from, to, (level, index) => store.node(level, index)).map(b64) };
  }
}
