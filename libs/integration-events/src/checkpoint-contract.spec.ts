import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { formatCheckpoint, generateLogKey, nodeEd25519Verify, nodeSha256, openSignedNote, signNote, verifierKeyText } from '@tppo/transparency';
import { CHECKPOINT_PAYLOAD } from './asyncapi';
import { CHECKPOINT_EVENT_TYPE, type CheckpointEvent, toCheckpointMessage } from './checkpoint-contract';

const ORIGIN = 'kemenpppa.go.id/tppo-log';
const key = generateLogKey();

const signed = (size: number, root = new Uint8Array(32).fill(size % 256)) => ({
  size,
  rootHash: root,
  note: signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: root }), ORIGIN, key.sign, nodeSha256, key.publicKey),
  cutAt: '2026-12-07T10:00:00.000Z',
});

describe('the checkpoint integration event', () => {
  it('carries the signed note whole, keyed <origin>/<size>, and validates against the AsyncAPI payload', () => {
    const checkpoint = signed(2044);
    const message = toCheckpointMessage(checkpoint);
    const value = JSON.parse(message.value) as CheckpointEvent;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(CHECKPOINT_PAYLOAD);
    if (!validate(value)) throw new Error(ajv.errorsText(validate.errors));
    expect(message.key).toBe(`${ORIGIN}/2044`);
    expect(message.headers).toEqual({ 'event-type': CHECKPOINT_EVENT_TYPE, 'schema-version': '1' });
    expect(value).toMatchObject({ origin: ORIGIN, size: 2044, note: checkpoint.note, cutAt: checkpoint.cutAt, rootHash: Buffer.from(checkpoint.rootHash).toString('base64') });
    // What a witness does with it: the note opens with the verifier key alone.
    const verifierKey = verifierKeyText(nodeSha256, ORIGIN, key.publicKey);
    expect(verifierKey.split('+')[1]).toBe(value.keyId);
    expect(openSignedNote(nodeSha256, value.note, verifierKey, nodeEd25519Verify)).toMatchObject({ ok: true, checkpoint: { size: 2044 } });
  });

  it('refuses a stored checkpoint whose note says another size or root, or is not signed by its origin', () => {
    const checkpoint = signed(10);
    expect(() => toCheckpointMessage({ ...checkpoint, size: 11 })).toThrow(/does not hold a signed note of that size and root/);
    expect(() => toCheckpointMessage({ ...checkpoint, rootHash: new Uint8Array(32) })).toThrow(/does not hold a signed note/);
    expect(() => toCheckpointMessage({ ...checkpoint, note: checkpoint.note.replace(`\u2014 ${ORIGIN} `, '\u2014 someone.else/log ') })).toThrow(/no signature by its origin/);
    expect(() => toCheckpointMessage({ ...checkpoint, note: formatCheckpoint({ origin: ORIGIN, size: 10, rootHash: checkpoint.rootHash }) })).toThrow(/does not hold a signed note/);
  });
});
