/** How many suggestions a message offers; more reads as noise. */
const MAX_SUGGESTIONS = 3;

/**
 * The names nearest to a misspelt one, ignoring case (Salesforce API names are case-insensitive):
 * within an edit distance that grows with the name's length (a third of it, at most 3), or the same
 * name with the `__c` suffix of a custom object. Closest first.
 */
export function closestNames(wanted: string, names: Iterable<string>): string[] {
  const target = wanted.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  const scored: Array<{ name: string; distance: number }> = [];
  for (const name of names) {
    const candidate = name.toLowerCase();
    const distance = candidate === `${target}__c` ? 1 : editDistance(target, candidate, allowed);
    if (distance <= allowed) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, MAX_SUGGESTIONS).map(({ name }) => name);
}

/** Levenshtein distance, given up once it exceeds `limit` (then any value above it is returned). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
