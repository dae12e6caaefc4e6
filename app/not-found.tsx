import Link from "next/link";

/** The site's own 404 (Next's default one carries an inline style the Content-Security-Policy refuses). */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-20">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 underline">Back to Factorwatch</Link>
    </main>
  );
}
