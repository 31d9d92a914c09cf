import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, type Unit } from './api';
import { t, word } from './i18n';
import { ApiProblem, explain } from './problems';

export type Load<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: unknown };

/** A GET of the API as a component state; `reload` fetches again (after a command, a reconnect). */
export const useApi = <T,>(path: string | null): [Load<T>, () => void] => {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) => setLoad({ state: 'ok', data }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setLoad({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, [path, round]);
  return [load, useCallback(() => setRound((r) => r + 1), [])];
};

export const Loading = () => (
  <p class="state" role="status" aria-live="polite">
    {t().state.loading}
  </p>
);

export const Problem = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => (
  <div class={`problem${error instanceof ApiProblem && error.status === 0 ? ' offline' : ''}`} role="alert" data-code={error instanceof ApiProblem ? error.code : 'UNKNOWN'}>
    <p>{explain(error)}</p>
    {onRetry && (
      <button type="button" class="secondary" onClick={onRetry}>
        {t().state.retry}
      </button>
    )}
  </div>
);

/** Renders a loaded value, or its loading and error states. */
export const Loaded = <T,>({ load, retry, children }: { load: Load<T>; retry?: () => void; children: (data: T) => ComponentChildren }) =>
  load.state === 'loading' ? <Loading /> : load.state === 'error' ? <Problem error={load.error} {...(retry ? { onRetry: retry } : {})} /> : <>{children(load.data)}</>;

export const Empty = ({ text }: { text: string }) => <p class="empty">{text}</p>;

export const Section = ({ title, id, children, actions }: { title: string; id: string; children: ComponentChildren; actions?: ComponentChildren }) => (
  <section class="card" aria-labelledby={`${id}-title`} id={id}>
    <header class="card-head">
      <h2 id={`${id}-title`}>{title}</h2>
      {actions}
    </header>
    {children}
  </section>
);

/** The unit registry, once per session, for names and agency types of the ids every view shows. */
let units: Promise<Map<string, Unit>> | null = null;
export const loadUnits = (): Promise<Map<string, Unit>> => {
  units ??= api<{ items: Unit[] }>('/units').then((r) => new Map(r.items.map((u) => [u.id, u]))).catch((error: unknown) => {
    units = null;
    throw error;
  });
  return units;
};
export const forgetUnits = (): void => {
  units = null;
};
export const useUnits = (): Map<string, Unit> => {
  const [map, setMap] = useState<Map<string, Unit>>(new Map());
  useEffect(() => {
    loadUnits().then(setMap, () => undefined);
  }, []);
  return map;
};
export const unitName = (units: Map<string, Unit>, id: string): string => units.get(id)?.name ?? id;
export const shortId = (id: string): string => id.slice(0, 8);
export const agencyWord = (type: string | undefined): string => word(type);

/** Keeps the input of a form across a failing command: the state lives here, not in the DOM. */
export const useForm = <F extends Record<string, string>>(initial: F) => {
  const [values, setValues] = useState<F>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const bind = (name: keyof F) => ({
    value: values[name],
    name: String(name),
    onInput: (e: Event) => setValues((v) => ({ ...v, [name]: (e.currentTarget as HTMLInputElement).value })),
  });
  const submit = (action: (values: F) => Promise<unknown>, reset = true) => async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await action(values);
      setDone(true);
      if (reset) setValues(initial);
    } catch (failure) {
      // The input stays as typed: the worker fixes or resends it, nothing is lost.
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { values, setValues, bind, submit, busy, error, done };
};
