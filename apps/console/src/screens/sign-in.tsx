import { useEffect, useState } from 'preact/hooks';
import { api, setSession, type Unit } from '../api';
import { t } from '../i18n';
import { finishOidcSignIn, isOidcCallback, OidcSignInError, type OidcOptions, startOidcSignIn } from '../oidc';
import { ApiProblem } from '../problems';
import { agencyWord, Loading, Problem } from '../ui';

interface SignInOptions {
  readonly local: boolean;
  readonly oidc: OidcOptions | null;
}

/** A failed sign-in at the identity provider, as a sentence; API problems keep their own. */
const OidcProblem = ({ error }: { error: unknown }) => {
  const words = t().signIn;
  if (error instanceof ApiProblem) return <Problem error={error} />;
  const reason = error instanceof OidcSignInError ? error.reason : 'UNREACHABLE';
  const sentence = { DENIED: words.oidcDenied, STALE: words.oidcStale, FAILED: words.oidcFailed, UNREACHABLE: words.oidcUnreachable }[reason];
  return (
    <div class="problem" role="alert" data-code={`OIDC_${reason}`}>
      <p>{sentence}</p>
    </div>
  );
};

/**
 * Signing in, as this server allows it (GET /sign-in): with the identity provider (authorization
 * code with PKCE; the provider sends the browser back here with a code), or in local mode by
 * choosing a unit of the registry, the server minting the token as `npm run token` does.
 */
export const SignIn = () => {
  const words = t();
  const [options, setOptions] = useState<SignInOptions | null>(null);
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [unitId, setUnitId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<SignInOptions>('/sign-in').then(async (found) => {
      setOptions(found);
      if (found.oidc && isOidcCallback()) {
        setBusy(true);
        try {
          const { accessToken, expiresInSeconds } = await finishOidcSignIn(found.oidc);
          const unit = await api<Unit>('/units/mine', { token: accessToken });
          setSession({ token: accessToken, unit, expiresAt: Date.now() + expiresInSeconds * 1000 });
        } catch (failure) {
          setError(failure);
        } finally {
          setBusy(false);
        }
      } else if (found.local) {
        const r = await api<{ items: Unit[] }>('/local-auth/units');
        setUnits(r.items);
        setUnitId(r.items.find((u) => u.agencyType !== 'MINISTRY')?.id ?? r.items[0]?.id ?? '');
      }
    }).catch(setLoadError);
  }, []);
  const signInAtProvider = async (oidc: OidcOptions) => {
    setBusy(true);
    setError(null);
    try {
      await startOidcSignIn(oidc);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  const groups = new Map<string, Unit[]>();
  for (const u of units ?? []) groups.set(u.agencyType, [...(groups.get(u.agencyType) ?? []), u]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ token: string; expiresInSeconds: number; unit: Unit }>('/local-auth/tokens', { method: 'POST', body: { unitId } });
      setSession({ token: r.token, unit: r.unit, expiresAt: Date.now() + r.expiresInSeconds * 1000 });
      location.hash = '#/';
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="narrow">
      <section class="card" aria-labelledby="signin-title">
        <h1 id="signin-title">{words.signIn.title}</h1>
        {loadError ? (
          <Problem error={loadError} onRetry={() => location.reload()} />
        ) : !options ? (
          <Loading />
        ) : options.oidc ? (
          <div>
            <p class="muted">{words.signIn.oidcLead}</p>
            {error !== null && <OidcProblem error={error} />}
            <button type="button" data-testid="oidc-sign-in" disabled={busy} aria-busy={busy} onClick={() => void signInAtProvider(options.oidc!)}>
              {busy ? words.signIn.signingIn : words.signIn.oidcSubmit}
            </button>
          </div>
        ) : !options.local ? (
          <p>{words.signIn.noLocal}</p>
        ) : !units ? (
          <Loading />
        ) : (
          <form onSubmit={submit}>
            <p class="muted">{words.signIn.lead}</p>
            <label for="unit">{words.signIn.unit}</label>
            <select id="unit" name="unit" value={unitId} onChange={(e) => setUnitId((e.currentTarget as HTMLSelectElement).value)}>
              {[...groups].map(([type, list]) => (
                <optgroup label={agencyWord(type)} key={type}>
                  {list.map((u) => (
                    <option value={u.id} key={u.id}>
                      {u.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {error !== null && <Problem error={error} />}
            <button type="submit" disabled={busy || !unitId}>
              {words.signIn.submit}
            </button>
          </form>
        )}
      </section>
    </div>
  );
};
