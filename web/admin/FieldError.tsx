/** A server message shown right under the input it is about. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="rc-field-error" id={id}>
      {message}
    </p>
  );
}
