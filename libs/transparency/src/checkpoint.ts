/**
 * Checkpoints in the C2SP `tlog-checkpoint` format, signed as C2SP `signed-note`s with Ed25519.
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n[extension lines\n]
 *   \n
 *   — <key name> <base64(4-byte key id ‖ 64-byte signature)>\n     (one or more; — is U+2014)
 *
 * The signature covers the note text (everything before the last blank line, its final newline
 * included). The key id is the first four bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key);
 * a verifier key is written `<name>+<hex key id>+<base64(0x01 ‖ public key)>`.
 * Pure: the hash and the signature check are passed in, so a browser can open notes too.
 */
import { type Sha256 } from './merkle';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Lines after the root, kept as they are (opaque to this library). */
  readonly extensions?: readonly string[];
}

/** Checks an Ed25519 signature: (32-byte public key, message, 64-byte signature). Must not throw. */
export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

/**
 * Why a note did not open:
 * - MALFORMED_KEY: the verifier key text is not `<name>+<id>+<key>` with a matching Ed25519 key id;
 * - MALFORMED_NOTE: not a signed note (no blank line, bad signature line, control characters, …);
 * - UNKNOWN_KEY: no signature line carries both the key's name and id;
 * - BAD_SIGNATURE: a line of the key is there but does not verify (or one of several does not);
 * - MALFORMED_CHECKPOINT: signed, but the text is not a checkpoint;
 * - ORIGIN_MISMATCH: a signed checkpoint whose origin is not the key's name.
 */
export type NoteFault = 'MALFORMED_NOTE' | 'MALFORMED_KEY' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'MALFORMED_CHECKPOINT' | 'ORIGIN_MISMATCH';

/** The signature type byte of Ed25519 in signed notes. */
const ED25519 = 0x01;
const EM_DASH = '\u2014';
/** The spec asks verifiers to accept at least 16 signatures and to bound them. */
const MAX_SIGNATURES = 64;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;
const sextet = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  return code < 128 ? SEXTETS[code]! : -1;
};

/**
 * Strict standard base64 (RFC 4648 §4, padded, canonical); undefined when it is not. Decoded by
 * table in one pass: a verifier reads some twenty of these per event.
 */
export const fromBase64 = (text: string): Uint8Array | undefined => {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  const lastQuad = text.length - 4;
  let out = 0;
  for (let at = 0; at < text.length; at += 4) {
    const pad = at === lastQuad ? padding : 0;
    const a = sextet(text, at);
    const b = sextet(text, at + 1);
    const c = pad === 2 ? 0 : sextet(text, at + 2);
    const d = pad > 0 ? 0 : sextet(text, at + 3);
    if ((a | b | c | d) < 0) return undefined;
    // Non-zero bits under the padding would give a second spelling of the same bytes.
    if ((pad === 2 && (b & 0x0f) !== 0) || (pad === 1 && (c & 0x03) !== 0)) return undefined;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[out++] = bits >>> 16;
    if (pad < 2) bytes[out++] = (bits >>> 8) & 0xff;
    if (pad < 1) bytes[out++] = bits & 0xff;
  }
  return bytes;
};

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;
/** A UTF-16 string that has no UTF-8 form (a lone surrogate). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Note text may hold only newlines and printable, encodable characters. */
const isNoteText = (text: string): boolean => !CONTROL.test(text) && !LONE_SURROGATE.test(text);

/** A key name: non-empty, no Unicode spaces, no plus sign, no control characters. */
const isKeyName = (name: string): boolean => name.length > 0 && !/[\s+]/u.test(name) && isNoteText(name) && !name.includes('\n');

/** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], the Ed25519 key id of signed notes. */
export const keyId = (sha: Sha256, name: string, publicKey: Uint8Array): Uint8Array => {
  const nameBytes = utf8(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = ED25519;
  input.set(publicKey, nameBytes.length + 2);
  return sha(input).slice(0, 4);
};

/** `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. Throws RangeError on a bad name or key length. */
export const verifierKeyText = (sha: Sha256, name: string, publicKey: Uint8Array): string => {
  if (!isKeyName(name)) throw new RangeError(`not a key name: ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new RangeError('an Ed25519 public key has 32 bytes');
  return `${name}+${hex(keyId(sha, name, publicKey))}+${toBase64(Uint8Array.of(ED25519, ...publicKey))}`;
};

export interface VerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * Parses `<name>+<hex id>+<base64 key>` (surrounding whitespace ignored, so a key file's final newline
 * is fine). Only Ed25519 keys; the id must be the key's (the hash is needed to check it). Never throws.
 */
export const parseVerifierKey = (sha: Sha256, text: string): VerifierKey | undefined => {
  if (typeof text !== 'string') return undefined;
  const match = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!match || !isKeyName(match[1]!)) return undefined;
  const raw = fromBase64(match[3]!);
  if (raw?.length !== 33 || raw[0] !== ED25519) return undefined;
  const publicKey = raw.slice(1);
  const id = keyId(sha, match[1]!, publicKey);
  if (hex(id) !== match[2]) return undefined;
  return { name: match[1]!, keyId: id, publicKey };
};

/** The checkpoint body (the note text). Throws RangeError on what could not be parsed back. */
export const formatCheckpoint = (checkpoint: Checkpoint): string => {
  const { origin, size, rootHash } = checkpoint;
  if (origin.length === 0 || !isNoteText(origin) || origin.includes('\n')) throw new RangeError('a checkpoint needs an origin on one line');
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`bad size ${size}`);
  if (rootHash.length !== 32) throw new RangeError('a root hash has 32 bytes');
  const extensions = checkpoint.extensions ?? [];
  if (extensions.some((line) => line.length === 0 || !isNoteText(line) || line.includes('\n'))) throw new RangeError('extension lines are non-empty single lines');
  return `${origin}\n${size}\n${toBase64(rootHash)}\n${extensions.map((line) => `${line}\n`).join('')}`;
};

/**
 * Parses a checkpoint body, strictly: at least three non-empty lines each ending in a newline, a
 * canonical decimal size (no sign, no leading zero) up to 2^53 − 1, a canonical base64 32-byte root,
 * no control characters or unencodable text. Extension lines are kept. Never throws.
 */
export const parseCheckpoint = (body: string): Checkpoint | undefined => {
  if (typeof body !== 'string' || !body.endsWith('\n') || !isNoteText(body)) return undefined;
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return undefined;
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return undefined;
  const size = Number(sizeText);
  const rootHash = fromBase64(rootText);
  if (!Number.isSafeInteger(size) || rootHash?.length !== 32) return undefined;
  return { origin, size, rootHash, ...(extensions.length > 0 ? { extensions } : {}) };
};

/**
 * Signs a note text with one Ed25519 key: text + blank line + `— <name> <base64(id ‖ sig)>`.
 * `sign` returns the 64-byte Ed25519 signature of its message. Throws RangeError on bad input.
 */
export const signNote = (body: string, name: string, sign: (message: Uint8Array) => Uint8Array, sha: Sha256, publicKey: Uint8Array): string => {
  if (!body.endsWith('\n') || !isNoteText(body)) throw new RangeError('a note text ends in a newline and has no control characters');
  if (!isKeyName(name)) throw new RangeError(`not a key name: ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new RangeError('an Ed25519 public key has 32 bytes');
  const signature = sign(utf8(body));
  if (signature.length !== 64) throw new RangeError('an Ed25519 signature has 64 bytes');
  return `${body}\n${EM_DASH} ${name} ${toBase64(Uint8Array.of(...keyId(sha, name, publicKey), ...signature))}\n`;
};

export type OpenedText = { readonly ok: true; readonly text: string; readonly key: VerifierKey } | { readonly ok: false; readonly reason: NoteFault };

/**
 * Opens any signed note with one verifier key: the note is well formed, every signature line of
 * that key (same name and id) verifies over the text, and there is at least one. Lines of other keys
 * (witnesses' cosignatures, rotated keys) are ignored. Never throws.
 */
export const openNote = (sha: Sha256, note: string, verifierKey: string, verify: Ed25519Verify): OpenedText => {
  const key = parseVerifierKey(sha, verifierKey);
  if (!key) return { ok: false, reason: 'MALFORMED_KEY' };
  if (typeof note !== 'string' || !note.endsWith('\n') || !isNoteText(note)) return { ok: false, reason: 'MALFORMED_NOTE' };
  // The text ends at the last blank line: signature lines never contain one.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'MALFORMED_NOTE' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return { ok: false, reason: 'MALFORMED_NOTE' };
  const message = utf8(text);
  let verified = 0;
  for (const line of lines) {
    if (!line.startsWith(`${EM_DASH} `)) return { ok: false, reason: 'MALFORMED_NOTE' };
    const parts = line.slice(2).split(' ');
    if (parts.length !== 2 || !isKeyName(parts[0]!)) return { ok: false, reason: 'MALFORMED_NOTE' };
    const raw = fromBase64(parts[1]!);
    if (!raw || raw.length < 5) return { ok: false, reason: 'MALFORMED_NOTE' };
    if (parts[0] !== key.name || hex(raw.subarray(0, 4)) !== hex(key.keyId)) continue;
    let good = false;
    try {
      good = raw.length === 68 && verify(key.publicKey, message, raw.slice(4)) === true;
    } catch {
      good = false;
    }
    if (!good) return { ok: false, reason: 'BAD_SIGNATURE' };
    verified += 1;
  }
  return verified > 0 ? { ok: true, text, key } : { ok: false, reason: 'UNKNOWN_KEY' };
};

export type OpenedNote = { readonly ok: true; readonly checkpoint: Checkpoint; readonly body: string } | { readonly ok: false; readonly reason: NoteFault };

/**
 * Opens a signed checkpoint: `openNote`, then the text must parse as a checkpoint whose origin is
 * the key's name (this library's logs sign with their origin as key name). Never throws.
 */
export const openSignedNote = (sha: Sha256, note: string, verifierKey: string, verify: Ed25519Verify): OpenedNote => {
  const opened = openNote(sha, note, verifierKey, verify);
  if (!opened.ok) return opened;
  const checkpoint = parseCheckpoint(opened.text);
  if (!checkpoint) return { ok: false, reason: 'MALFORMED_CHECKPOINT' };
  if (checkpoint.origin !== opened.key.name) return { ok: false, reason: 'ORIGIN_MISMATCH' };
  return { ok: true, checkpoint, body: opened.text };
};
