// Counted nouns read right at every count: "1 operation edited", "3 operations edited", "0 policies change".

/**
 * `count` and the noun in the form that count takes. The plural defaults to the noun plus "s"; irregular ones
 * ("policy" → "policies") are passed, so a reader sees both forms where the phrase is written.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
