import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';

/** The body to send, and its content type when the operation declares more than one representation. */
export function RequestBodyFields({
  contentTypes,
  contentType,
  body,
  onContentType,
  onBody,
}: {
  contentTypes: string[];
  contentType: string;
  body: string;
  onContentType: (value: string) => void;
  onBody: (value: string) => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      {contentTypes.length > 1 ? (
        <Field label="Content type">
          {(control) => (
            <Select {...control} size="sm" className="font-mono" value={contentType} onChange={(e) => onContentType(e.target.value)}>
              {contentTypes.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      <Field
        label={
          <>
            Request body <span className="font-normal muted">({contentType})</span>
          </>
        }
      >
        {(control) => (
          <Textarea
            {...control}
            size="sm"
            className="h-48 font-mono"
            spellCheck={false}
            value={body}
            onChange={(e) => onBody(e.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
