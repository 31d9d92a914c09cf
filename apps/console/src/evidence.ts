/**
 * The evidence badge's logic: the browser itself fetches a case's evidence bundle and checks it
 * with the log's verifier key, using the same pure verifier as the offline CLI
 * (`npm run -s verify-evidence`), so that a reader of the console need not take the server's word
 * that the record is whole. The verifier key comes from the same server, so on its own it proves
 * little: the first key seen is kept in this browser (trust on first use), a different key later
 * is reported and never shown as verified, and the key id is shown for comparison with the one
 * the ministry publishes.
 */
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { useEffect, useState } from 'preact/hooks';
import { type EvidenceCrypto, type EvidenceFault, verifyEvidence } from '../../../libs/transparency/src/verify-evidence';
import { api } from './api';
import { ApiProblem } from './problems';

// @noble/ed25519 v3: the synchronous verify needs a synchronous SHA-512.
ed.hashes.sha512 = sha512;

/** The verifier's hash and signature check, synchronous, in the browser (no WebCrypto: it is async). */
export const browserCrypto: EvidenceCrypto = {
  sha256: (data) => sha256(data),
  ed25519Verify: (publicKey, message, signature) => {
    try {
      // RFC 8032's strict rules, as the Node verifier (OpenSSL) applies them, not ZIP-215's looser ones.
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};

interface LogKey {
  readonly origin: string;
  readonly verifierKey: string;
  readonly publicKey: string;
  readonly algorithm: string;
}

/** Where this browser keeps the first log key it saw. */
export const TRUSTED_KEY = 'tppo.trustedLogKey';

/** The key id of a verifier key `<name>+<8 hex>+<base64>` (the base64 part may hold `+` too). */
export const keyIdOf = (verifierKey: string): string => /^[^+]+\+([0-9a-f]{8})\+/.exec(verifierKey)?.[1] ?? '?';

type Trust = { readonly kind: 'first-use' | 'same' } | { readonly kind: 'changed'; readonly trusted: string };

/** Trust on first use: keeps the first key seen; a later different key is reported, not adopted. */
export const trustOnFirstUse = (verifierKey: string): Trust => {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(TRUSTED_KEY);
    if (stored === null) localStorage.setItem(TRUSTED_KEY, verifierKey);
  } catch {
    /* no storage (a locked-down browser): every visit is a first use */
  }
  if (stored === null) return { kind: 'first-use' };
  return stored === verifierKey ? { kind: 'same' } : { kind: 'changed', trusted: stored };
};

export type EvidenceState =
  | { readonly kind: 'checking' }
  /** The bundle checks out with the trusted key. */
  | { readonly kind: 'verified'; readonly bundle: string; readonly verifierKey: string; readonly firstUse: boolean; readonly events: number; readonly withheld: number; readonly checkpointSize: number }
  /** The bundle does not check out: the first failure. `fault` OTHER_CASE: a valid bundle of another case. */
  | { readonly kind: 'failed'; readonly bundle: string; readonly verifierKey: string; readonly fault: EvidenceFault | 'OTHER_CASE'; readonly revision?: number }
  /** The server's key is not the one this browser trusts: nothing is called verified. */
  | { readonly kind: 'key-changed'; readonly bundle: string; readonly trusted: string; readonly offered: string }
  /** The log has no checkpoint holding the case yet. */
  | { readonly kind: 'no-checkpoint' }
  /** The key or the bundle could not be fetched. */
  | { readonly kind: 'unavailable'; readonly error: unknown };

/** Fetches the key and the bundle and checks the bundle here; never throws. */
export const checkEvidence = async (caseId: string): Promise<EvidenceState> => {
  let key: LogKey;
  let bundle: unknown;
  try {
    [key, bundle] = await Promise.all([api<LogKey>('/transparency/key'), api<unknown>(`/cases/${encodeURIComponent(caseId)}/evidence`)]);
  } catch (error) {
    if (error instanceof ApiProblem && (error.code === 'LOG_BEHIND' || error.code === 'NO_CHECKPOINT_YET')) return { kind: 'no-checkpoint' };
    return { kind: 'unavailable', error };
  }
  // Saved as received (pretty-printed): the signed note is a JSON string, kept byte for byte.
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  const trust = trustOnFirstUse(key.verifierKey);
  if (trust.kind === 'changed') return { kind: 'key-changed', bundle: text, trusted: trust.trusted, offered: key.verifierKey };
  const verdict = verifyEvidence(bundle, key.verifierKey, browserCrypto);
  if (!verdict.ok) return { kind: 'failed', bundle: text, verifierKey: key.verifierKey, fault: verdict.fault, ...(verdict.revision !== undefined ? { revision: verdict.revision } : {}) };
  if (verdict.caseId !== caseId) return { kind: 'failed', bundle: text, verifierKey: key.verifierKey, fault: 'OTHER_CASE' };
  return { kind: 'verified', bundle: text, verifierKey: key.verifierKey, firstUse: trust.kind === 'first-use', events: verdict.events, withheld: verdict.withheld, checkpointSize: verdict.checkpointSize };
};

/** The evidence of a case, checked in this browser; only for oversight (null otherwise). */
export const useEvidence = (caseId: string, enabled: boolean): [EvidenceState | null, () => void] => {
  const [state, setState] = useState<EvidenceState | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!enabled) {
      setState(null);
      return;
    }
    let current = true;
    setState({ kind: 'checking' });
    void checkEvidence(caseId).then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [caseId, enabled, round]);
  return [state, () => setRound((r) => r + 1)];
};

/** A blob: URL for a text, revoked when the text changes or the component goes. */
export const useDownloadUrl = (text: string | undefined, type = 'application/json'): string | undefined => {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (text === undefined) {
      setUrl(undefined);
      return;
    }
    const made = URL.createObjectURL(new Blob([text], { type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [text, type]);
  return url;
};

/** The file name a case's bundle is saved under. */
export const bundleFileName = (caseId: string): string => `bukti-${caseId}.json`;
