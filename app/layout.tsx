import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { MarketDataNotice } from "@/components/ui/market-data-notice";
import { getMarketDataProviderName } from "@/lib/market-data/provider-name";
import "./globals.css";

// Every page renders per request: its scripts carry the nonce of that request's Content-Security-Policy (proxy.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Factorwatch",
  description: "Nightly factor-risk batch and its admin dashboard",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
        <footer><MarketDataNotice provider={getMarketDataProviderName()} /></footer>
      </body>
    </html>
  );
}
