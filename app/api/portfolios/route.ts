import { handle, HttpError, parseWith, readJsonBody, requireApiUser } from "@/app/_lib/api";
import { onboardPortfolio, OnboardingInputError, OnboardingQueueFullError } from "@/lib/batch/onboarding";
import { getPortfolioList } from "@/lib/queries/get-portfolio-list";
import { createPortfolioSchema } from "@/lib/schemas/portfolio";

export const dynamic = "force-dynamic";

export const GET = handle(async () => {
  const session = await requireApiUser();
  return Response.json({ portfolios: await getPortfolioList(session.userId) });
});

export const POST = handle(async (request: Request) => {
  const session = await requireApiUser();
  const input = parseWith(createPortfolioSchema, await readJsonBody(request));
  try {
    const created = await onboardPortfolio({ userId: session.userId, ...input });
    return Response.json(created, { status: 201 });
  } catch (error) {
    if (error instanceof OnboardingQueueFullError) throw new HttpError(503, error.message);
    if (error instanceof OnboardingInputError) throw new HttpError(422, error.message);
    throw error;
  }
});
