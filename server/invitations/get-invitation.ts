import "server-only";
import { db } from "@/server/db";
import { getSession } from "@/server/auth/get-session";
import { findLiveInvitation } from "@/server/invitations/invitation-state";

export type InvitationView =
  | { state: "invalid" }
  | {
      state: "valid";
      clubName: string;
      clubSlug: string;
      email: string;
      name: string | null;
      role: string;
      /** An account with the invited address exists (then its owner signs in to accept). */
      accountExists: boolean;
      /** Who is signed in on this browser, if anyone. */
      signedInEmail: string | null;
    };

/**
 * What the invitation page shows for a token. Authorised by the token itself (256 random bits,
 * emailed to the invited address); an unknown, used, withdrawn or expired token gets one answer.
 */
export async function getInvitation(token: string): Promise<InvitationView> {
  const invitation = await findLiveInvitation(db, token);
  if (!invitation) return { state: "invalid" };
  const [account, session] = await Promise.all([
    db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
    getSession(),
  ]);
  return {
    state: "valid",
    clubName: invitation.club.name,
    clubSlug: invitation.club.slug,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    accountExists: account !== null,
    signedInEmail: session?.email ?? null,
  };
}
