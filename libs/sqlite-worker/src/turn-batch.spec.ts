import { TurnBatch } from './turn-batch';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatch', () => {
  it('hands over what one turn added as one list, at the end of the turn', async () => {
    const sent: number[][] = [];
    const batch = new TurnBatch<number>((items) => sent.push(items));
    batch.add(1);
    batch.add(2);
    await Promise.resolve();
    batch.add(3); // still this turn: microtasks run before setImmediate
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3]]);
    batch.add(4);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('hands over early on flush, and sends nothing twice or empty', async () => {
    const sent: string[][] = [];
    const batch = new TurnBatch<string>((items) => sent.push(items));
    batch.flush();
    batch.add('a');
    batch.flush();
    batch.add('b');
    expect(sent).toEqual([['a']]);
    await nextTurn();
    await nextTurn();
    expect(sent).toEqual([['a'], ['b']]);
  });
});
