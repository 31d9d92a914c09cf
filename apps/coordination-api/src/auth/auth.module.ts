import { readFileSync } from 'node:fs';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadOrCreateLocalSecret, loadUnitRegistry, TokenVerifier, type UnitRegistry } from '@tppo/access';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, TOKEN_VERIFIER, UNIT_REGISTRY } from '../infrastructure/tokens';
import { AuthGuard } from './auth.guard';
import { PrincipalThrottlerGuard } from './principal-throttler.guard';

/** Identity: the unit registry (validated at start) and the token verifier chosen by configuration. */
@Global()
@Module({
  providers: [
    { provide: UNIT_REGISTRY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadUnitRegistry(config.unitRegistryFile) },
    {
      provide: TOKEN_VERIFIER,
      inject: [APP_CONFIG, UNIT_REGISTRY],
      useFactory: (config: AppConfig, registry: UnitRegistry): Promise<TokenVerifier> => {
        const { issuer, audience, jwksUrl, publicKeyFile, algorithms } = config.auth;
        if (jwksUrl) return TokenVerifier.create({ mode: 'jwks', jwksUrl, issuer, audience, algorithms: [...algorithms] }, registry);
        if (publicKeyFile) {
          return TokenVerifier.create({ mode: 'public-key', publicKeyPem: readFileSync(publicKeyFile, 'utf8'), issuer, audience, algorithms: [...algorithms] }, registry);
        }
        return TokenVerifier.create({ mode: 'local', secret: loadOrCreateLocalSecret(config.dataDir), issuer, audience }, registry);
      },
    },
    // Order matters: the throttler keys on the principal the AuthGuard sets.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
  ],
  exports: [UNIT_REGISTRY, TOKEN_VERIFIER],
})
export class AuthModule {}
