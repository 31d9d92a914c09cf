import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem, ProblemException } from './problem';
import { domainProblem } from './domain-problems';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the case rules',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Fastify's own errors (raised before Nest sees the request) by their stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', detail: 'The request body is larger than allowed' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH', detail: 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', detail: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', detail: 'The body is not valid JSON' },
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: { status: 500, code: 'INTERNAL', detail: 'Internal error' },
};

const BODY_ERRORS: Record<number, { code: string; detail: string }> = {
  400: { code: 'INVALID_JSON', detail: 'The body is not valid JSON' },
  413: { code: 'BODY_TOO_LARGE', detail: 'The request body is larger than allowed' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json' },
};

export const toProblem = (error: unknown): { problem: Problem; headers: Record<string, string> } => {
  if (error instanceof ProblemException) {
    return {
      problem: { type: problemType(error.code), title: error.title, status: error.status, code: error.code, detail: error.detail, ...(error.errors ? { errors: error.errors } : {}) },
      headers: { ...error.headers },
    };
  }
  const fromDomain = domainProblem(error);
  if (fromDomain) return { problem: fromDomain, headers: {} };

  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    const known = FASTIFY_CODES[fastifyCode]!;
    return { problem: generic(known.status, known.code, known.detail), headers: {} };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { problem: generic(400, 'INVALID_JSON', 'The body is not valid JSON'), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest rewraps Fastify's body errors as plain HttpExceptions, dropping their codes: map by status.
    const fromBodyParser = BODY_ERRORS[status];
    if (fromBodyParser && error.constructor === HttpException) {
      const detail = status === 400 && /empty/i.test(error.message) ? 'The JSON body is empty' : fromBodyParser.detail;
      return { problem: generic(status, fromBodyParser.code, detail), headers: {} };
    }
    const code = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : status === 503 ? 'UNAVAILABLE' : `HTTP_${status}`;
    const detail = status >= 500 ? undefined : messageOf(error);
    return { problem: generic(status, code, detail), headers: {} };
  }
  return { problem: generic(500, 'INTERNAL', 'Something went wrong; the request id identifies it in the logs'), headers: {} };
};

const generic = (status: number, code: string, detail?: string): Problem => ({
  type: problemType(code),
  title: TITLES[status] ?? 'Error',
  status,
  code,
  ...(detail ? { detail } : {}),
});

const messageOf = (error: HttpException): string | undefined => {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
};

/** Every error leaves as application/problem+json; 5xx are logged with the request id, never returned. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, headers } = toProblem(error);
    if (problem.status >= 500) {
      request.log?.error({ err: error }, 'request failed');
      if (!request.log) this.logger.error(error);
    }
    void reply
      .status(problem.status)
      .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' })
      .send({ ...problem, instance: request.id ? `urn:tppo:request:${request.id}` : undefined });
  }
}
