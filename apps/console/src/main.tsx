import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { currentSession, onSessionChange, setSession } from './api';
import { lang, setLang, t } from './i18n';
import { agencyWord, forgetUnits } from './ui';
import { SignIn } from './screens/sign-in';
import { Desk } from './screens/desk';
import { CasePage } from './screens/case-page';
import { Oversight } from './screens/oversight';
import { Statistics } from './screens/statistics';

const OVERSIGHT = new Set(['MINISTRY', 'TASK_FORCE']);

/** Hash routes: the server serves one index.html, and a reload keeps the screen. */
const useRoute = (): string => {
  const [hash, setHash] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const on = () => setHash(location.hash.slice(1) || '/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
};

const useOnline = (): boolean => {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(navigator.onLine);
    addEventListener('online', on);
    addEventListener('offline', on);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', on);
    };
  }, []);
  return online;
};

const App = () => {
  const [, setTick] = useState(0);
  const [session, setCurrent] = useState(currentSession());
  useEffect(() => onSessionChange(() => setCurrent(currentSession())), []);
  const route = useRoute();
  const online = useOnline();
  const words = t();
  document.title = words.appName;
  const toggleLang = () => {
    setLang(lang() === 'id' ? 'en' : 'id');
    setTick((n) => n + 1);
  };
  const oversight = session !== null && OVERSIGHT.has(session.unit.agencyType);
  const caseMatch = /^\/cases\/([^/]+)$/.exec(route);
  const screen = !session ? (
    <SignIn />
  ) : caseMatch ? (
    <CasePage caseId={decodeURIComponent(caseMatch[1]!)} oversight={oversight} key={`${caseMatch[1]}-${lang()}`} />
  ) : route === '/statistics' && oversight ? (
    <Statistics key={lang()} />
  ) : oversight ? (
    <Oversight key={lang()} />
  ) : (
    <Desk key={lang()} />
  );
  return (
    <>
      <a class="skip" href="#main">
        {lang() === 'id' ? 'Langsung ke isi' : 'Skip to content'}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <span>{words.appName}</span>
        </div>
        {session && (
          <nav aria-label={lang() === 'id' ? 'Menu utama' : 'Main menu'}>
            {oversight ? (
              <>
                <a href="#/" aria-current={route === '/' ? 'page' : undefined}>{words.nav.oversight}</a>
                <a href="#/statistics" aria-current={route === '/statistics' ? 'page' : undefined}>{words.nav.statistics}</a>
              </>
            ) : (
              <a href="#/" aria-current={route === '/' ? 'page' : undefined}>{words.nav.desk}</a>
            )}
          </nav>
        )}
        <div class="who">
          {session && (
            <span class="unit" data-unit={session.unit.id}>
              {words.signedInAs} <strong>{session.unit.name}</strong> <span class="tag">{agencyWord(session.unit.agencyType)}</span>
            </span>
          )}
          <button type="button" class="link" onClick={toggleLang} lang={lang() === 'id' ? 'en' : 'id'}>
            {words.switchTo}
          </button>
          {session && (
            <button
              type="button"
              class="link"
              onClick={() => {
                forgetUnits();
                setSession(null);
                location.hash = '#/';
              }}
            >
              {words.signOut}
            </button>
          )}
        </div>
      </header>
      {!online && (
        <div class="banner offline" role="alert">
          {words.state.offline}
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {screen}
      </main>
    </>
  );
};

document.documentElement.lang = lang();
render(<App />, document.getElementById('app')!);
