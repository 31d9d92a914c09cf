import type { CommandContext } from './command-context';
import { RunCommand } from './run-command';

/**
 * The command bus is typed by the domain's own command specs: each `@ts-expect-error` below must
 * stay an error, or the typecheck (part of `npm test`) fails on the unused directive.
 */
describe('the typed command bus', () => {
  const context = {} as CommandContext;

  it("takes a command's payload in the domain's types, without the fields the handler adds", () => {
    const close = new RunCommand('CloseCase', 'case-1', { outcome: 'REINTEGRATED', reason: 'Back home with her family' }, context);
    expect(close.data.outcome).toBe('REINTEGRATED');
    // @ts-expect-error an outcome the domain does not know
    void new RunCommand('CloseCase', 'case-1', { outcome: 'SOLVED', reason: 'x' }, context);
    // @ts-expect-error a required field left out
    void new RunCommand('CloseCase', 'case-1', { outcome: 'REINTEGRATED' }, context);
    // @ts-expect-error another command's payload
    void new RunCommand('DetermineVictimStatus', 'case-1', { outcome: 'REINTEGRATED', reason: 'x' }, context);
  });
});
