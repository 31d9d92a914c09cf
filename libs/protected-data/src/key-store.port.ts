/** One data subject's data key. The key id is the subject's pseudonymous reference. */
export interface SubjectKey {
  readonly keyId: string;
  readonly version: number;
  /** 32 bytes for AES-256-GCM. */
  readonly key: Buffer;
}

/**
 * Where data keys live, apart from the event store: destroying a subject's keys (crypto-shredding,
 * UU 27/2022 erasure) makes every ciphertext of that subject unreadable while the events and their
 * hash chain stay intact.
 */
export interface KeyStore {
  /** The subject's current key, created on first use. */
  activeKey(keyId: string): Promise<SubjectKey>;
  /** A specific version, or null when it never existed or was destroyed. */
  keyFor(keyId: string, version: number): Promise<SubjectKey | null>;
  /** Creates a new version; later seals use it, earlier ciphertexts still open. */
  rotate(keyId: string): Promise<SubjectKey>;
  /** Destroys every version of the subject's key. Irreversible. */
  destroy(keyId: string): Promise<void>;
  close(): Promise<void>;
}

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'KEY_ID_INVALID' | 'KEY_DESTROYED' | 'MASTER_KEY_INVALID' | 'KEY_STORE_UNAVAILABLE' | 'SAME_MASTER_KEY' | 'ROTATION_MISMATCH',
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
