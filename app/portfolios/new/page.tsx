import { PageHeader } from "@/components/ui/card";
import { OnboardingForm } from "@/components/portfolios/onboarding-form";
import { requireUserPage } from "@/app/_lib/session";
import { latestCompletedTradingDay } from "@/lib/base/calendar";

export const dynamic = "force-dynamic";

export default async function NewPortfolioPage() {
  await requireUserPage("/portfolios/new");
  return (
    <div>
      <PageHeader title="New portfolio" subtitle="Starting equity and positions; known symbols show exposures at once, new ones are queued." />
      <OnboardingForm defaultDate={latestCompletedTradingDay(new Date())} />
    </div>
  );
}
