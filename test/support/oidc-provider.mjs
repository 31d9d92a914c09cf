// A real OpenID provider (panva's oidc-provider) for the console's sign-in test, on 127.0.0.1 only.
// It signs in anyone with any password through its development screens, and the account name is
// the unit: signing in as "uptd-ppa-nunukan" gives an access token for that unit.
// Input (env): OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_RESOURCE (the API, an absolute URI),
// OIDC_AUDIENCE (the API's JWT_AUDIENCE). Prints one line of JSON {"issuer":…} when it listens.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_RESOURCE, OIDC_AUDIENCE } = process.env;
if (!OIDC_CLIENT_ID || !OIDC_REDIRECT_URI || !OIDC_RESOURCE || !OIDC_AUDIENCE) {
  process.stderr.write('oidc-provider.mjs: set OIDC_CLIENT_ID, OIDC_REDIRECT_URI, OIDC_RESOURCE and OIDC_AUDIENCE\n');
  process.exit(2);
}
const signing = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: OIDC_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'ES256',
      redirect_uris: [OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...signing, kid: 'test-es256', alg: 'ES256', use: 'sig' }] },
  pkce: { required: () => true },
  findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => OIDC_RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== OIDC_RESOURCE) throw new Error(`unknown resource ${resource}`);
        return { scope: '', audience: OIDC_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'ES256' } } };
      },
    },
  },
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? { unit: token.accountId } : undefined),
  // The console runs on another origin (the API's) and fetches discovery and the token endpoint.
  clientBasedCORS: () => true,
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
