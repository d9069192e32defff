// Colour classes for the map legend (sequential, colour-blind safe, dark enough
// that the darkest classes keep white labels readable).
export const CLASS_COLOURS = ['#e6f2f0', '#b3dbd5', '#6fb8b0', '#2e8a83', '#005e68'];
export const SUPPRESSED_FILL = 'url(#te-weinig)';

/** Equal-width classes between 0 and the largest value shown. */
export function classBreaks(max: number, n = CLASS_COLOURS.length): number[] {
  const top = max > 0 ? max : 1;
  return Array.from({ length: n }, (_, i) => (top * (i + 1)) / n);
}

export function classOf(value: number, breaks: number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i < 0 ? breaks.length - 1 : i;
}
