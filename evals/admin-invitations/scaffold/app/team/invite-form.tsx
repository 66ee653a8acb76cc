"use client";

import { inviteMember } from "./actions";

export function InviteForm() {
  return (
    <form
      action={async (formData) => {
        await inviteMember(formData);
      }}
    >
      <input name="email" type="email" required />
      <button type="submit">Invite</button>
    </form>
  );
}
