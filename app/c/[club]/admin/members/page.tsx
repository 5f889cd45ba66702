import type { Metadata } from "next";
import type { ComponentProps } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { MemberImportForm } from "@/components/admin/members/member-import-form";
import { ActionForm } from "@/components/forms/action-form";
import { canGrant, ROLES, type Role } from "@/lib/auth/capabilities";
import { listMembers } from "@/server/admin/members/list-members";
import {
  confirmImportAction,
  deactivateMembershipAction,
  inviteMemberAction,
  previewImportAction,
  revokeInvitationAction,
  updateMembershipAction,
} from "./actions";

export const metadata: Metadata = { title: "Members" };

const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  MANAGER: "Manager",
  STAFF: "Staff",
  PLAYER: "Player",
};
const input = "mt-1 block rounded border border-slate-400 px-2 py-2";

/** Names the fields of the member forms in their error list (the inputs are the page's own). */
const FIELD_LABELS: Record<string, string> = {
  email: "Email address",
  name: "Name",
  role: "Role",
  tierId: "Tier",
  validUntil: "Valid until",
  membershipId: "Member",
  invitationId: "Invitation",
};

/** A form of this screen: its message and field errors above it, grouped with it. */
function MemberForm(props: ComponentProps<typeof ActionForm> & { label: string }) {
  return (
    <div>
      <ActionForm errorSummary={FIELD_LABELS} submitClassName="min-h-11" {...props} />
    </div>
  );
}

/**
 * Members and roles (ADR 009): invite by email, import a CSV, set role, tier and validity,
 * end a membership. Managers and owners only (listMembers → requireClubPermission manageMembers); only owners see
 * and grant the owner role.
 */
export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q : "";
  const view = await listMembers(slug, { q });
  const mayGrant = (role: Role) => canGrant(view.actorRole, role);
  const roles = ROLES.filter(mayGrant);
  const club = view.club.slug;
  return (
    <>
      <AdminNav slug={club} role={view.actorRole} current="/members" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Members of {view.club.name}</h1>

        <section aria-labelledby="invite-heading" className="mt-6">
          <h2 id="invite-heading" className="text-xl font-semibold">
            Invite a member
          </h2>
          <MemberForm
            action={inviteMemberAction}
            submitLabel="Send invitation"
            label="Invite a member"
            hidden={{ club }}
            className="mt-2 flex flex-wrap items-end gap-3"
          >
            <div>
              <label htmlFor="invite-email" className="block font-medium">
                Email address
              </label>
              <input id="invite-email" name="email" type="email" required className={input} />
            </div>
            <div>
              <label htmlFor="invite-name" className="block font-medium">
                Name (optional)
              </label>
              <input id="invite-name" name="name" maxLength={120} className={input} />
            </div>
            <RoleSelect id="invite-role" roles={roles} value="PLAYER" />
            <TierSelect id="invite-tier" tiers={view.tiers} value={null} />
            <div>
              <label htmlFor="invite-valid" className="block font-medium">
                Valid until
              </label>
              <input id="invite-valid" name="validUntil" type="date" className={input} />
            </div>
          </MemberForm>
        </section>

        {view.invitations.length ? (
          <section aria-labelledby="pending-heading" className="mt-8">
            <h2 id="pending-heading" className="text-xl font-semibold">
              Pending invitations
            </h2>
            <ul className="mt-2 divide-y">
              {view.invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-4 py-2">
                  <span>
                    {i.name ? `${i.name} · ` : ""}
                    {i.email} · {ROLE_LABELS[i.role]}
                    {i.tierName ? ` · ${i.tierName}` : ""} · expires {i.expiresAt.slice(0, 10)}
                  </span>
                  {mayGrant(i.role) ? (
                    <MemberForm
                      action={revokeInvitationAction}
                      submitLabel="Withdraw"
                      label={`Withdraw the invitation of ${i.email}`}
                      hidden={{ club, invitationId: i.id }}
                      variant="secondary"
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="list-heading" className="mt-8">
          <h2 id="list-heading" className="text-xl font-semibold">
            Members
          </h2>
          <form method="get" className="mt-2 flex items-end gap-2" role="search">
            <div>
              <label htmlFor="member-search" className="block font-medium">
                Search by name or email
              </label>
              <input id="member-search" name="q" defaultValue={q} className={input} />
            </div>
            <button type="submit" className="min-h-11 rounded border border-slate-400 px-4">
              Search
            </button>
          </form>
          {view.truncated ? (
            <p className="mt-2 text-sm">Only the first 500 members are shown: search to narrow.</p>
          ) : null}
          <table className="mt-4 w-full border-collapse text-sm">
            <thead>
              <tr className="border-b text-left">
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Role, tier and validity</th>
                <th scope="col">
                  <span className="sr-only">End membership</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.members.map((m) => {
                const editable = mayGrant(m.role);
                return (
                  <tr key={m.membershipId} className="border-b align-top">
                    <th scope="row" className="py-2 text-left font-medium">
                      {m.name}
                    </th>
                    <td className="py-2">{m.email}</td>
                    <td className="py-2">{m.status.toLowerCase()}</td>
                    <td className="py-2">
                      {editable && m.status !== "ENDED" ? (
                        <MemberForm
                          action={updateMembershipAction}
                          submitLabel="Save"
                          label={`Role, tier and validity of ${m.name}`}
                          hidden={{ club, membershipId: m.membershipId }}
                          variant="secondary"
                          className="flex flex-wrap items-end gap-2"
                        >
                          <RoleSelect id={`role-${m.membershipId}`} roles={roles} value={m.role} />
                          <TierSelect
                            id={`tier-${m.membershipId}`}
                            tiers={view.tiers}
                            value={m.tierId}
                          />
                          <div>
                            <label htmlFor={`valid-${m.membershipId}`} className="block">
                              Valid until
                            </label>
                            <input
                              id={`valid-${m.membershipId}`}
                              name="validUntil"
                              type="date"
                              defaultValue={m.validUntil ?? ""}
                              className={input}
                            />
                          </div>
                        </MemberForm>
                      ) : (
                        <span>
                          {ROLE_LABELS[m.role]} · {m.tierName ?? "no tier"} ·{" "}
                          {m.validUntil ? `until ${m.validUntil}` : "no end date"}
                        </span>
                      )}
                    </td>
                    <td className="py-2">
                      {editable && m.status !== "ENDED" ? (
                        <MemberForm
                          action={deactivateMembershipAction}
                          submitLabel="End membership"
                          label={`End the membership of ${m.name}`}
                          hidden={{ club, membershipId: m.membershipId }}
                          variant="danger"
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>

        <section aria-labelledby="import-heading" className="mt-10">
          <h2 id="import-heading" className="text-xl font-semibold">
            Import members from a CSV file
          </h2>
          <MemberImportForm
            club={club}
            previewAction={previewImportAction}
            confirmAction={confirmImportAction}
          />
        </section>
      </main>
    </>
  );
}

function RoleSelect({
  id,
  roles,
  value,
}: {
  id: string;
  roles: ReadonlyArray<Role>;
  value: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Role
      </label>
      <select id={id} name="role" defaultValue={value} className={input}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

function TierSelect({
  id,
  tiers,
  value,
}: {
  id: string;
  tiers: { id: string; name: string }[];
  value: string | null;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Tier
      </label>
      <select id={id} name="tierId" defaultValue={value ?? ""} className={input}>
        <option value="">No tier</option>
        {tiers.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
