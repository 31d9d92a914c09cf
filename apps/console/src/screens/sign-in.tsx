import { useEffect, useState } from 'preact/hooks';
import { api, setSession, type Unit } from '../api';
import { t } from '../i18n';
import { ApiProblem } from '../problems';
import { agencyWord, Loading, Problem } from '../ui';

/**
 * Local mode: the unit is chosen from the registry and the server mints the token as
 * `npm run token` does. With an identity provider the server has no such route (404).
 */
export const SignIn = () => {
  const words = t();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [noLocal, setNoLocal] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [unitId, setUnitId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ items: Unit[] }>('/local-auth/units').then(
      (r) => {
        setUnits(r.items);
        setUnitId(r.items.find((u) => u.agencyType !== 'MINISTRY')?.id ?? r.items[0]?.id ?? '');
      },
      (e: unknown) => (e instanceof ApiProblem && e.status === 404 ? setNoLocal(true) : setLoadError(e)),
    );
  }, []);
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
        {noLocal ? (
          <p>{words.signIn.noLocal}</p>
        ) : loadError ? (
          <Problem error={loadError} onRetry={() => location.reload()} />
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
