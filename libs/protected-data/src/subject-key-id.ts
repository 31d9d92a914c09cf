import { nameBasedIds } from '@tppo/eventsourcing';

const keyIdOf = nameBasedIds('9d3a4c1e-7b52-4e0f-a1c6-52e8f0b7d4a9');

/**
 * The key id of one data subject in one case. It travels inside every ciphertext, so it is a UUID
 * that reveals nothing, yet it is derived (not stored) so that erasure can find the key again.
 */
export const subjectKeyId = (caseId: string, subjectRef: string): string => keyIdOf(`${caseId}\n${subjectRef}`);
