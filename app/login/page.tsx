import { LoginForm } from "@/components/ui/login-form";
import { safeNextPath } from "@/lib/http/safe-next";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Sign in to Factorwatch</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">The login of a fresh install is printed once by <code>npm start</code>.</p>
        <LoginForm next={safeNextPath(typeof next === "string" ? next : undefined)} />
      </div>
    </main>
  );
}
