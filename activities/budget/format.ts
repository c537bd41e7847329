/** `0.753` as `75.3%`, `0.7` as `70%`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** `11300` as `11,300`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
