import { HttpError, route } from "@/app/_lib/route";
import { onboardPortfolio, OnboardingInputError, OnboardingQueueFullError, PortfolioLimitError } from "@/lib/batch/onboarding";
import { getPortfolioList } from "@/lib/queries/get-portfolio-list";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";

export const dynamic = "force-dynamic";

export const GET = route({ access: "user" }, async ({ viewer }) => Response.json({ portfolios: await getPortfolioList(viewer) }));

export const POST = route({ access: "user", body: createPortfolioSchema }, async ({ viewer, body }) => {
  try {
    const created = await onboardPortfolio({ userId: viewer.userId, ...body });
    return Response.json(created, { status: 201 });
  } catch (error) {
    if (error instanceof OnboardingQueueFullError) throw new HttpError(503, error.message);
    if (error instanceof OnboardingInputError || error instanceof PortfolioLimitError) throw new HttpError(422, error.message);
    throw error;
  }
});
