import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { dateAfter } from '@/lib/requests/duration-date';
import { plural } from '@/lib/text/plural';

/** A fixed length in days, "none" (no end date, only when the rule sets no maximum) or "date" (until a chosen day). */
export type DurationChoice = string;

/** The longest the rule allows to pick in the calendar: its maximum, or ten years without one (the schema's bound). */
export const longestDays = (maxDays: number | null) => maxDays ?? 3650;

/** What the rule allows: its one-click lengths, no end date when it has no maximum, and any date up to its maximum. */
export function DurationField({
  durations,
  maxDays,
  choice,
  date,
  error,
  onChoice,
  onDate,
  from,
}: {
  durations: number[];
  maxDays: number | null;
  choice: DurationChoice;
  date: string;
  error?: string;
  onChoice: (choice: DurationChoice) => void;
  onDate: (date: string) => void;
  /** Where the length is counted from: today, or for a renewal the grant's current end. */
  from?: Date;
}) {
  const now = from ?? new Date();
  return (
    <div className="flex flex-wrap items-start gap-3">
      <Field
        label="Duration"
        hint={maxDays === null ? 'This role may be held without an end date.' : `At most ${plural(maxDays, 'day')} for this role.`}
        error={choice === 'date' ? undefined : error}
        className="max-w-xs"
      >
        {(control) => (
          <Select {...control} name="duration" value={choice} onChange={(e) => onChoice(e.target.value)}>
            {durations.map((d) => (
              <option key={d} value={String(d)}>
                {plural(d, 'day')}
              </option>
            ))}
            {maxDays === null ? <option value="none">No end date</option> : null}
            <option value="date">Until a date…</option>
          </Select>
        )}
      </Field>
      {choice === 'date' ? (
        <Field label="End date" hint="The role ends at the start of this day (UTC)." error={error} required>
          {(control) => (
            <Input
              {...control}
              type="date"
              name="endDate"
              value={date}
              min={dateAfter(1, now)}
              max={dateAfter(longestDays(maxDays), now)}
              onChange={(e) => onDate(e.target.value)}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
