import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { BlockNotice } from "@/components/admin/blocks/block-notice";
import { BlockPreviewSection } from "@/components/admin/blocks/block-preview-section";
import { NewBlockSection } from "@/components/admin/blocks/new-block-section";
import { UpcomingBlocksSection } from "@/components/admin/blocks/upcoming-blocks-section";
import { blockFormValues, blockNotice, wantsPreview } from "@/lib/blocks-page";
import { todayIn } from "@/lib/time";
import { listBlocks } from "@/server/admin/blocks/list-blocks";
import { previewBlock, type BlockPreview } from "@/server/admin/blocks/preview-block";
import { getBookingOptions } from "@/server/admin/bookings/get-booking-options";
import { requireClubPermission } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";
import { createBlockAction, deleteBlockAction } from "./actions";

export const metadata: Metadata = { title: "Blocks" };

type Search = Record<string, string | string[] | undefined>;

/**
 * Blocks of a club (lessons, tournaments, maintenance): STAFF and above. Creating one goes through
 * a preview (a GET of this page with the block's fields): its occurrences and the bookings they
 * collide with are listed first; the manager then cancels those bookings (the players are told the
 * reason) or skips the colliding occurrences. Works without JavaScript.
 */
export default async function BlocksPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const access = await requireClubPermission(slug, "manageBlocks", {
    next: `/c/${slug}/admin/blocks`,
  });
  const clubSlug = access.club.slug;
  const [options, blocks] = await Promise.all([getBookingOptions(clubSlug), listBlocks(clubSlug)]);

  const values = blockFormValues(search);
  let preview: BlockPreview | null = null;
  let errors: Record<string, string> = {};
  let problem: string | null = null;
  if (wantsPreview(search)) {
    try {
      preview = await previewBlock(clubSlug, values);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "BAD_REQUEST") throw err;
      errors = err.fields;
      problem = "Please correct the fields marked below.";
    }
  }

  return (
    <>
      <AdminNav slug={clubSlug} role={access.role} current="/blocks" />
      <main id="main" className="mx-auto max-w-5xl p-6">
        <h1 className="text-2xl font-bold">Blocks · {access.club.name}</h1>
        <p className="mt-2 text-slate-700">
          Lessons, tournaments and maintenance take courts out of the planning. Times are the
          club&apos;s local times ({access.club.timeZone}); a weekly block keeps its time across
          daylight-saving changes.
        </p>
        <BlockNotice message={blockNotice(search)} />
        <NewBlockSection
          courts={options.courts}
          values={values}
          today={todayIn(access.club.timeZone)}
          errors={errors}
          problem={problem}
        />
        {preview ? (
          <BlockPreviewSection
            preview={preview}
            values={values}
            clubSlug={clubSlug}
            actions={{ create: createBlockAction }}
          />
        ) : null}
        <UpcomingBlocksSection
          blocks={blocks}
          clubSlug={clubSlug}
          actions={{ remove: deleteBlockAction }}
        />
        <p className="mt-6">
          <Link className="text-blue-700 underline" href={`/c/${clubSlug}/planning`}>
            See the planning
          </Link>
        </p>
      </main>
    </>
  );
}
