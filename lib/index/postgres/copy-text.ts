// Rows for COPY … FROM STDIN in PostgreSQL's text format: tab-separated fields, \N for NULL, and
// backslash, tab, newline and carriage return escaped inside a field.

const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One text field; undefined and null become NULL. */
export function copyText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '\\N';
  // NUL cannot be stored in a PostgreSQL text value at all; corpus text never needs it.
  const clean = value.includes('\0') ? value.replace(/\0/g, '') : value;
  return HAS_SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ESCAPES[c]) : clean;
}

/** A numeric array field ({1,2,3}); the numbers must be finite. */
export function copyNumbers(values: ArrayLike<number>): string {
  let s = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) s += ',';
    s += values[i];
  }
  return s + '}';
}
