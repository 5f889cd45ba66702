import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { SetupDone } from "@/components/admin/setup-done";
import { PeakBandsSection } from "@/components/admin/tiers/peak-bands-section";
import { SportRulesSection } from "@/components/admin/tiers/sport-rules-section";
import {
  TestAsMemberError,
  TestAsMemberResult,
  TestAsMemberSection,
} from "@/components/admin/tiers/test-as-member";
import { TiersSection } from "@/components/admin/tiers/tiers-section";
import { listTiers } from "@/server/admin/tiers/list-tiers";
import { testAsMember } from "@/server/admin/tiers/test-as-member";
import { AppError } from "@/server/errors";
import {
  addPeakBandAction,
  createTierAction,
  removePeakBandAction,
  setSportRulesAction,
  updateTierAction,
} from "./actions";

export const metadata: Metadata = { title: "Tiers and booking rules" };

async function TestAsMemberView({
  slug,
  userId,
  date,
}: {
  slug: string;
  userId: string;
  date?: string;
}) {
  let result: Awaited<ReturnType<typeof testAsMember>>;
  try {
    result = await testAsMember(slug, { userId, ...(date ? { date } : {}) });
  } catch (err) {
    if (err instanceof AppError) return <TestAsMemberError message={err.message} />;
    throw err;
  }
  const { member, availability: a } = result;
  return (
    <TestAsMemberResult
      memberName={member.name}
      date={a.date}
      tierName={a.viewer.tierName}
      grid={a.grid}
    />
  );
}

/** Membership tiers with their booking rules, sport rules, peak bands, and "test as member". */
export default async function TiersPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const { access, tiers, sports, peakBands, members } = await listTiers(slug);
  const hidden = { club: access.club.slug };
  const testMember = typeof sp.member === "string" ? sp.member : "";
  const testDate = typeof sp.date === "string" && sp.date ? sp.date : undefined;
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/tiers" />
      <main id="main" className="mx-auto max-w-5xl p-6">
        <h1 className="text-2xl font-bold">Tiers and booking rules · {access.club.name}</h1>
        <SetupDone done={sp.done} messages={{ "peak-band-removed": "Peak band removed." }} />
        <p className="mt-2 text-slate-700">
          Rules apply to the next booking and to the planning at once; bookings already made are
          kept. Members without a tier get the default rules.
        </p>
        <TiersSection
          tiers={tiers}
          hidden={hidden}
          actions={{ update: updateTierAction, create: createTierAction }}
        />
        <SportRulesSection
          sports={sports}
          hidden={hidden}
          actions={{ save: setSportRulesAction }}
        />
        <PeakBandsSection
          peakBands={peakBands}
          hidden={hidden}
          actions={{ add: addPeakBandAction, remove: removePeakBandAction }}
        />
        <TestAsMemberSection members={members} member={testMember} date={testDate}>
          {testMember ? (
            <TestAsMemberView slug={access.club.slug} userId={testMember} date={testDate} />
          ) : null}
        </TestAsMemberSection>
      </main>
    </>
  );
}
