import { generateKeyPairSync, sign } from 'node:crypto';
import { formatCheckpoint, fromBase64, keyId, openSignedNote, parseCheckpoint, parseVerifierKey, signNote, verifierKeyText } from './checkpoint';
import { nodeEd25519Verify, nodeSha256 as sha } from './node-crypto';

const newKey = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
  return { raw, sign: (message: Uint8Array) => new Uint8Array(sign(null, message, privateKey)) };
};

describe('checkpoints as C2SP signed notes', () => {
  const origin = 'example.go.id/tppo-log';
  const key = newKey();
  const vkey = verifierKeyText(sha, origin, key.raw);
  const body = formatCheckpoint({ origin, size: 42, rootHash: new Uint8Array(32).fill(7) });
  const note = signNote(body, origin, key.sign, sha, key.raw);

  it('computes key ids as the signed-note format does (checked on the Go checksum database key)', () => {
    // The key every Go toolchain ships with: its id 033de0ae is sha256(name ‖ \n ‖ 0x01 ‖ key)[:4].
    const sumdb = parseVerifierKey(sha, 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
    expect(sumdb).toBeDefined();
    expect(Buffer.from(keyId(sha, 'sum.golang.org', sumdb!.publicKey)).toString('hex')).toBe('033de0ae');
    expect(parseVerifierKey(sha, 'sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8')).toBeUndefined();
  });

  it('writes and reads the checkpoint body', () => {
    expect(body).toBe(`${origin}\n42\n${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(parseCheckpoint(body)).toEqual({ origin, size: 42, rootHash: new Uint8Array(32).fill(7) });
    expect(parseCheckpoint(`${body}ext line\n`)?.extensions).toEqual(['ext line']);
    for (const bad of [body.slice(0, -1), body.replace('\n42\n', '\n042\n'), body.replace('\n42\n', '\n-1\n'), body.replace('\n42\n', '\n4.2\n'), `${origin}\n42\nAAAA\n`, `${body}\n`]) {
      expect(parseCheckpoint(bad)).toBeUndefined();
    }
  });

  it('opens a note signed with the key', () => {
    expect(note).toMatch(new RegExp(`^${origin}\\n42\\n[A-Za-z0-9+/]+=\\n\\n\u2014 ${origin} [A-Za-z0-9+/]+=*\\n$`));
    const opened = openSignedNote(sha, note, vkey, nodeEd25519Verify);
    expect(opened).toMatchObject({ ok: true, checkpoint: { origin, size: 42 } });
    // A witness's cosignature beside it changes nothing.
    const other = newKey();
    const cosigned = `${note}${signNote(body, 'witness.example', other.sign, sha, other.raw).slice(body.length + 1)}`;
    expect(openSignedNote(sha, cosigned, vkey, nodeEd25519Verify)).toMatchObject({ ok: true });
  });

  it('refuses another key, a forged signature, an edited body, a key of another name', () => {
    const other = newKey();
    expect(openSignedNote(sha, note, verifierKeyText(sha, origin, other.raw), nodeEd25519Verify)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    const line = note.slice(note.lastIndexOf(' ') + 1, -1);
    const raw = Buffer.from(line, 'base64');
    raw[20] = raw[20]! ^ 0x01;
    expect(openSignedNote(sha, note.replace(line, raw.toString('base64')), vkey, nodeEd25519Verify)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(openSignedNote(sha, note.replace('\n42\n', '\n43\n'), vkey, nodeEd25519Verify)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(openSignedNote(sha, note.replace(/\n[A-Za-z0-9+/]+=\n\n/, `\n${Buffer.alloc(32, 8).toString('base64')}\n\n`), vkey, nodeEd25519Verify)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    // Signed by the right key under another name: the origin is not the key's.
    const renamed = signNote(body, 'someone.else', key.sign, sha, key.raw);
    expect(openSignedNote(sha, renamed, verifierKeyText(sha, 'someone.else', key.raw), nodeEd25519Verify)).toEqual({ ok: false, reason: 'ORIGIN_MISMATCH' });
    expect(openSignedNote(sha, note, 'not a key', nodeEd25519Verify)).toEqual({ ok: false, reason: 'MALFORMED_KEY' });
    expect(openSignedNote(sha, body, vkey, nodeEd25519Verify)).toEqual({ ok: false, reason: 'MALFORMED_NOTE' });
  });
});

describe('strict base64, as notes and proofs are read', () => {
  it('reads every canonical padded encoding as Node does', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      expect(Buffer.from(fromBase64(text)!).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    }
  });

  it('refuses anything else: no padding, bad padding, other alphabets, spaces, non-zero bits under the padding', () => {
    for (const text of ['AQ', 'AQ=', 'AQ===', '====', 'A===', '=AQ=', 'AQ==AQ==', 'A-_B', 'AQ= ', ' AQ==', 'AQ\n==', 'AR==', 'AQE=AQ==', 'AQF=', 'é===', 'QUJD\u00e9']) {
      expect(fromBase64(text)).toBeUndefined();
    }
    expect(fromBase64('')).toEqual(new Uint8Array(0));
  });
});
