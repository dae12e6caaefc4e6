"use client";

import { useRouter } from "next/navigation";

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="rounded-md px-3 py-1.5 text-left text-sm text-slate-200 hover:bg-slate-800 hover:text-white"
      onClick={async () => {
        await fetch("/api/auth/logout", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        router.push("/login");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
