import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../emulator/random.js';
import { SortedList } from '../../../emulator/store/sorted-list.js';

const compare = (a: number, b: number): number => a - b;

function collect(list: SortedList<number>, start: number, direction: 1 | -1, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  list.scan(start, direction, (item) => out.push(item) < limit);
  return out;
}

describe('SortedList', () => {
  it('matches a sorted array through random inserts and removals', () => {
    const random = createRandom(7);
    const list = new SortedList<number>(compare, 8);
    const reference: number[] = [];
    for (let step = 0; step < 5_000; step++) {
      if (reference.length > 0 && random.chance(0.35)) {
        const value = random.pick(reference);
        expect(list.remove(value)).toBe(value);
        reference.splice(reference.indexOf(value), 1);
      } else {
        const value = random.int(0, 500);
        list.insert(value);
        reference.push(value);
        reference.sort(compare);
      }
    }
    expect(list.size).toBe(reference.length);
    expect(collect(list, 0, 1)).toEqual(reference);
    expect(collect(list, list.size - 1, -1)).toEqual([...reference].reverse());
    for (const probe of [-1, 0, 17, 250, 499, 500, 501]) {
      expect(list.lowerBound(probe)).toBe(reference.filter((value) => value < probe).length);
      expect(list.upperBound(probe)).toBe(reference.filter((value) => value <= probe).length);
    }
    for (const index of [0, 1, Math.floor(reference.length / 2), reference.length - 1]) expect(list.at(index)).toBe(reference[index]);
  });

  it('scans from a position in either direction and stops when told to', () => {
    const list = new SortedList<number>(compare, 4);
    list.resetSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(collect(list, 3, 1, 4)).toEqual([4, 5, 6, 7]);
    expect(collect(list, 3, -1)).toEqual([4, 3, 2, 1]);
    expect(collect(list, 10, 1)).toEqual([]);
  });

  it('reports a miss when removing an absent item', () => {
    const list = new SortedList<number>(compare);
    list.insert(3);
    expect(list.remove(4)).toBeUndefined();
    expect(list.size).toBe(1);
  });
});
