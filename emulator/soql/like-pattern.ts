/**
 * A SOQL LIKE pattern as a case-insensitive, whole-value RegExp: `%` any run of characters, `_` exactly one,
 * `\%` and `\_` the literal characters.
 */
export function compileLike(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += escapeRegExp(pattern.charAt(i + 1));
      i++;
    } else if (char === '%') {
      source += '.*';
    } else if (char === '_') {
      source += '.';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
