// Colour classes for the map legend (sequential, colour-blind safe, dark enough
// that the darkest classes keep white labels readable).
export const CLASS_COLOURS = ['#e6f2f0', '#b3dbd5', '#6fb8b0', '#2e8a83', '#005e68'];
export const SUPPRESSED_FILL = 'url(#te-weinig)';

/** Upper bounds of equal-width classes between the smallest and largest value shown. */
export function classBreaks(min: number, max: number, n = CLASS_COLOURS.length): number[] {
  const lo = Math.min(min, max);
  const span = max > lo ? max - lo : 1;
  return Array.from({ length: n }, (_, i) => lo + (span * (i + 1)) / n);
}

export function classOf(value: number, breaks: number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i < 0 ? breaks.length - 1 : i;
}
