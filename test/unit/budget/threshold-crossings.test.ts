import { describe, expect, it } from 'vitest';
import { alertThresholds, thresholdCrossings } from '../../../activities/budget/index.js';

const thresholds = [0.7, 0.75];

describe('thresholdCrossings', () => {
  it.each([
    { name: 'fires a threshold usage rises to exactly', previous: 0.69, ratio: 0.7, crossed: [0.7], recovered: [] },
    { name: 'fires every threshold passed in one step', previous: 0.5, ratio: 0.8, crossed: [0.7, 0.75], recovered: [] },
    { name: 'does not fire again while usage stays above', previous: 0.72, ratio: 0.74, crossed: [], recovered: [] },
    { name: 're-arms a threshold when usage falls below it', previous: 0.76, ratio: 0.72, crossed: [], recovered: [0.75] },
    { name: 'fires again after re-arming', previous: 0.72, ratio: 0.75, crossed: [0.75], recovered: [] },
    { name: 'counts no previous reading as zero usage', previous: null, ratio: 0.71, crossed: [0.7], recovered: [] },
    { name: 'stays quiet below every threshold', previous: null, ratio: 0.2, crossed: [], recovered: [] },
  ])('$name', ({ previous, ratio, crossed, recovered }) => {
    expect(thresholdCrossings(previous, ratio, thresholds)).toEqual({ crossed, recovered });
  });
});

describe('alertThresholds', () => {
  it('sorts warnAt and throttleAt and merges equal ones', () => {
    expect(alertThresholds({ warnAt: 0.7, throttleAt: 0.75 })).toEqual([0.7, 0.75]);
    expect(alertThresholds({ warnAt: 0.8, throttleAt: 0.8 })).toEqual([0.8]);
  });
});
