/** The bench's arithmetic: medians, since one run on a shared machine says little. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const ms = (x: number): string => `${x.toFixed(2)} ms`;
