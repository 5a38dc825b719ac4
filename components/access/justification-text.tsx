/** Requester-written text: rendered as a React text node (escaped), line breaks kept, never parsed as markup. */
export function JustificationText({ text, testId = 'justification' }: { text: string; testId?: string }) {
  return (
    <p data-testid={testId} className="whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-950">
      {text}
    </p>
  );
}
