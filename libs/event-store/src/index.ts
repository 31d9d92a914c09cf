export * from './sqlite/sqlite-event-store';
export { SCHEMA_VERSION } from './sqlite/schema';
export { makeRecords, nextRecords } from './contract/records';
/** Test-only: call it inside a jest spec (it uses describe/it/expect). */
export { describeEventStoreContract, type ContractSubject } from './contract/event-store.contract';
