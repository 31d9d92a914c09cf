import { applyDecorators, HttpCode, Post, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { COMMAND_PERMISSIONS } from '@tppo/case-domain';
import { Access } from '../auth/access-policy';
import { ApiProblems } from '../errors/problem.dto';
import { COMMAND_ROUTE, type CommandRouteMetadata } from './command-context';
import { CommandResultDto } from './command-result.dto';
import type { CommandType } from './run-command';

interface CommandRouteOptions {
  readonly summary: string;
  readonly description?: string;
  /** The created resource's URL: the answer is 201 with `Location`; otherwise 200. */
  readonly location?: (result: CommandResultDto) => string;
  /** Said in every answer's body (`notice`), e.g. that what was done cannot be undone. */
  readonly notice?: string;
  /** Routes on an existing case can answer 404 and 412. */
  readonly onCase?: boolean;
}

/** The command a route issues: the access-matrix test reads it from Nest's route metadata. */
export const COMMAND_TYPE = 'tppo:command-type';

const RESULT_HEADERS = {
  ETag: { description: 'The revision after the command, for If-Match', schema: { type: 'string' } },
};

/**
 * A POST that issues one domain command: the agency types allowed (from the one permission
 * table), idempotency, ETag/If-Match and the problem answers, declared once for every route.
 */
export const CommandRoute = (type: CommandType, path: string, options: CommandRouteOptions): MethodDecorator => {
  const onCase = options.onCase ?? true;
  const who = `Issued by: ${COMMAND_PERMISSIONS[type].join(', ')}.`;
  return applyDecorators(
    Post(path),
    HttpCode(options.location ? 201 : 200),
    SetMetadata(COMMAND_ROUTE, { status: options.location ? 201 : 200, location: options.location, notice: options.notice } satisfies CommandRouteMetadata),
    SetMetadata(COMMAND_TYPE, type),
    Access({ audience: COMMAND_PERMISSIONS[type], scope: onCase ? 'participant' : 'caller' }),
    ApiBearerAuth('bearer'),
    ApiOperation({ operationId: type, summary: options.summary, description: [options.description, who].filter(Boolean).join('\n\n') }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A UUID; a retry with the same key and body returns the first answer and writes nothing',
      schema: { type: 'string', format: 'uuid' },
    }),
    ...(onCase
      ? [ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last seen; 412 when the case has moved on', schema: { type: 'string', pattern: '^(\\*|(W/)?("[0-9]{1,15}"|[0-9]{1,15}))$', example: '"3"' } })]
      : []),
    options.location
      ? ApiCreatedResponse({ type: CommandResultDto, headers: { ...RESULT_HEADERS, Location: { description: 'The created resource', schema: { type: 'string' } } } })
      : ApiOkResponse({ type: CommandResultDto, headers: RESULT_HEADERS }),
    ApiProblems(...(onCase ? [400, 401, 403, 404, 409, 412, 413, 415, 422, 503] : [400, 401, 403, 409, 413, 415, 422, 503])),
  );
};
