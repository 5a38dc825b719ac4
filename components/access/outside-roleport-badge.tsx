/** Marks a holding Roleport did not make (an assignment in Entra, a subscription in API Management). */
export function OutsideRoleportBadge() {
  return (
    <span className="rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      Outside Roleport
    </span>
  );
}
