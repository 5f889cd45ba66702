/** The confirmation after a block was created or removed (lib/blocks-page.ts blockNotice). */
export function BlockNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p
      role="status"
      className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
    >
      {message}
    </p>
  );
}
