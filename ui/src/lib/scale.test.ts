import { describe, expect, it } from 'vitest';
import { classBreaks, classOf } from './scale';

describe('map legend classes', () => {
  it('spreads five classes over the values shown', () => {
    const b = classBreaks(40, 90);
    expect(b).toEqual([50, 60, 70, 80, 90]);
    expect(classOf(40, b)).toBe(0);
    expect(classOf(55, b)).toBe(1);
    expect(classOf(90, b)).toBe(4);
  });

  it('copes with a single value', () => {
    const b = classBreaks(83.3, 83.3);
    expect(classOf(83.3, b)).toBe(0);
  });
});
