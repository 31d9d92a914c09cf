import * as oauth from 'oauth4webapi';

/** What GET /sign-in says about the identity provider. */
export interface OidcOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
  readonly resource?: string;
}

/** The verifier and state of a sign-in under way, kept in this tab while the provider's pages are open. */
interface Pending {
  readonly verifier: string;
  readonly state: string;
  readonly issuer: string;
  readonly returnTo: string;
}

const PENDING = 'tppo.oidc.pending';
/** The provider sends the browser back here: the console's own address, without the screen. */
const redirectUri = (): string => `${location.origin}/console/`;
const isLoopback = (url: URL): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
/** http is allowed for a provider on this machine only (the server's config refuses any other). */
const insecure = (issuer: URL) => ({ [oauth.allowInsecureRequests]: issuer.protocol === 'http:' && isLoopback(issuer) });

const discover = async (issuer: URL): Promise<oauth.AuthorizationServer> =>
  oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(issuer) }));

/** Leaves for the provider's sign-in page: authorization code with PKCE (S256), as a public client. */
export const startOidcSignIn = async (options: OidcOptions): Promise<void> => {
  const issuer = new URL(options.issuer);
  const as = await discover(issuer);
  if (!as.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pending: Pending = { verifier, state, issuer: options.issuer, returnTo: location.hash || '#/' };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', options.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (options.resource) url.searchParams.set('resource', options.resource);
  location.assign(url.href);
};

/** Whether this page is the provider sending the browser back (with a code or an error). */
export const isOidcCallback = (): boolean => {
  const params = new URL(location.href).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
};

/** Why a sign-in came back without a token, as the provider or the checks said it. */
export class OidcSignInError extends Error {
  constructor(readonly reason: 'DENIED' | 'STALE' | 'FAILED', detail: string) {
    super(detail);
  }
}

/**
 * Back from the provider: checks the state and the issuer, trades the code and the PKCE verifier
 * for tokens, and checks the ID token. The address bar loses the code at once, whatever happens.
 */
export const finishOidcSignIn = async (options: OidcOptions): Promise<{ readonly accessToken: string; readonly expiresInSeconds: number }> => {
  const here = new URL(location.href);
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  history.replaceState(null, '', `/console/${pending?.returnTo ?? '#/'}`);
  dispatchEvent(new HashChangeEvent('hashchange'));
  if (!pending || pending.issuer !== options.issuer) throw new OidcSignInError('STALE', 'no sign-in was started in this tab');
  const issuer = new URL(options.issuer);
  const as = await discover(issuer);
  const client: oauth.Client = { client_id: options.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, here.searchParams, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) throw new OidcSignInError('DENIED', error.error_description ?? error.error);
    throw new OidcSignInError('FAILED', (error as Error).message);
  }
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, {
    ...insecure(issuer),
    ...(options.resource ? { additionalParameters: { resource: options.resource } } : {}),
  });
  try {
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { requireIdToken: true });
    return { accessToken: result.access_token, expiresInSeconds: result.expires_in ?? 3600 };
  } catch (error) {
    throw new OidcSignInError('FAILED', (error as Error).message);
  }
};
