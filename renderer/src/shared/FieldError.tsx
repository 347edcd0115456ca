/** A field's own problem, in plain words, right under it; the field points to it for screen readers. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert" data-testid={id}>
      {message}
    </p>
  );
}

/** Props that tie an input to its FieldError. */
export const describedBy = (id: string, message: string | null) =>
  message ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
