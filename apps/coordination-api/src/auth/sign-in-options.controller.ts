import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { ApiProblems } from '../errors/problem.dto';
import { APP_CONFIG } from '../infrastructure/tokens';
import { Public } from './public.decorator';

class OidcSignIn {
  @ApiProperty({ description: 'The identity provider (its discovery document is at /.well-known/openid-configuration under it)' }) issuer!: string;
  @ApiProperty({ description: "The console's client id at the provider (a public client: PKCE, no secret)" }) clientId!: string;
  @ApiProperty({ example: 'openid' }) scope!: string;
  @ApiPropertyOptional({ description: 'The resource (RFC 8707) the console asks an access token for' }) resource?: string;
}

class SignInOptions {
  @ApiProperty({ description: 'A unit of the registry may be chosen (POST /local-auth/tokens): development and tests only' }) local!: boolean;
  @ApiProperty({ type: OidcSignIn, nullable: true, description: 'OpenID Connect authorization code with PKCE; null when not configured' }) oidc!: OidcSignIn | null;
}

/**
 * How one signs in to the console here, asked before anyone is signed in: the local choice of a
 * unit, or the identity provider and the console's public client id. Nothing secret: a client id
 * and an issuer are public by design.
 */
@ApiTags('sign-in')
@Public()
@Controller('sign-in')
export class SignInOptionsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ operationId: 'GetSignInOptions', summary: 'How the console signs in on this server' })
  @ApiOkResponse({ type: SignInOptions })
  @ApiProblems(429)
  options(@Res({ passthrough: true }) reply: FastifyReply): SignInOptions {
    void reply.header('cache-control', 'no-cache');
    const oidc = this.config.consoleOidc;
    return {
      local: this.config.localSignIn,
      oidc: oidc ? { issuer: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope, ...(oidc.resource ? { resource: oidc.resource } : {}) } : null,
    };
  }
}
