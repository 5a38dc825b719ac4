/** Requester-written text: rendered as a React text node (escaped), line breaks kept, never parsed as markup. */
export function JustificationText({ text, testId = 'justification' }: { text: string; testId?: string }) {
  return (
    <p data-testid={testId} className="justification">
      {text}
    </p>
  );
}
