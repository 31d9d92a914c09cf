/**
 * Reference benchmark (figures, not a test): what this machine gives for a POST through Nest +
 * Fastify + ValidationPipe + CommandBus whose handler does nothing, with the DTO of POST /cases.
 * Issue 3 measures the durable command path against this. Starts the no-op app in a child process
 * on 127.0.0.1 and drives it from this process with autocannon (64 connections, 10 s after 3 s of
 * warm-up). Env: BENCH_CONNECTIONS, BENCH_SECONDS.
 * Last stdout line: {"requestsPerSecond":…, "p50Ms":…, "p99Ms":…, "errors":…}
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { Body, Controller, Inject, Injectable, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Command, CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import autocannon from 'autocannon';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches } from 'class-validator';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const BODY = JSON.stringify({ regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] });

class OpenCaseDto {
  @Matches(/^\d{2}\.\d{2}$/)
  regionCode!: string;

  @IsIn(['ARRIVAL', 'DEPARTURE', 'REPORT'])
  source!: string;

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  exploitationTypes!: string[];

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  modusCodes!: string[];
}

class DoNothing extends Command<{ ok: boolean }> {
  constructor(readonly dto: OpenCaseDto) {
    super();
  }
}

@CommandHandler(DoNothing)
@Injectable()
class DoNothingHandler implements ICommandHandler<DoNothing> {
  async execute(): Promise<{ ok: boolean }> {
    return { ok: true };
  }
}

@Controller('cases')
class CasesController {
  constructor(@Inject(CommandBus) private readonly bus: CommandBus) {}

  // tsx does not emit decorator metadata: the body's class is named for the ValidationPipe.
  @Post()
  open(@Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, expectedType: OpenCaseDto })) dto: OpenCaseDto) {
    return this.bus.execute(new DoNothing(dto));
  }
}

@Module({ imports: [CqrsModule.forRoot()], controllers: [CasesController], providers: [DoNothingHandler] })
class NoopModule {}

const serve = async (port: number): Promise<void> => {
  const app = await NestFactory.create<NestFastifyApplication>(NoopModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  process.stdout.write('listening\n');
};

const main = async (): Promise<void> => {
  const port = 3000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [...process.execArgv, __filename, 'serve', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the no-op app exited with ${code}`)));
  });
  try {
    const url = `http://127.0.0.1:${port}/cases`;
    const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    if (check.status !== 201) throw new Error(`the no-op app answered ${check.status}: ${await check.text()}`);
    const load = (duration: number) => autocannon({ url, method: 'POST', connections: CONNECTIONS, duration, headers: { 'content-type': 'application/json' }, body: BODY });
    process.stderr.write(`warm-up 3 s, then ${SECONDS} s with ${CONNECTIONS} connections\n`);
    await load(3);
    const result = await load(SECONDS);
    process.stdout.write(
      `${JSON.stringify({
        requestsPerSecond: Math.round(result['2xx'] / SECONDS),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
      })}\n`,
    );
  } finally {
    child.kill('SIGTERM');
  }
};

if (process.argv[2] === 'serve') {
  void serve(Number(process.argv[3]));
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
