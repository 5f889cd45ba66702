import Link from "next/link";

/** "Previous page / Next page" under a paginated admin list (nothing when there is one page). */
export function Pager({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  /** The URL of a page of the list, with the list's filters. */
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-3 flex gap-4">
      {page > 1 ? (
        <Link className="text-blue-700 underline" href={href(page - 1)}>
          Previous page
        </Link>
      ) : null}
      {page < pages ? (
        <Link className="text-blue-700 underline" href={href(page + 1)}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
